import Testing

@testable import NewsIngest

@Suite struct SentenceSplitterTests {
  let splitter = SentenceSplitter()

  @Test(arguments: [
    ("It rained. Then it stopped.", ["It rained.", "Then it stopped."]),
    ("The U.S. Army said so. Others disagreed.", ["The U.S. Army said so.", "Others disagreed."]),
    ("Gen. Joseph Votel spoke. He left.", ["Gen. Joseph Votel spoke.", "He left."]),
    ("Lt. Col. Smith and Mr. Jones met. It was brief.", ["Lt. Col. Smith and Mr. Jones met.", "It was brief."]),
    ("He said “we will win.” The crowd cheered.", ["He said “we will win.”", "The crowd cheered."]),
    ("Was it true? Nobody knew!", ["Was it true?", "Nobody knew!"]),
    ("Prices rose 3.5 pct. Trade was thin.", ["Prices rose 3.5 pct.", "Trade was thin."]),
    ("J. Smith arrived. He sat.", ["J. Smith arrived.", "He sat."]),
    ("no boundary here. lower case follows", ["no boundary here. lower case follows"]),
    // Multi-byte marks, closers, openers and capitals (the splitter scans UTF-8 bytes).
    ("Wait… Then it came.", ["Wait…", "Then it came."]),
    ("He said ‘yes.’ Then he left.", ["He said ‘yes.’", "Then he left."]),
    ("Il a dit non. Élise est partie.", ["Il a dit non.", "Élise est partie."]),
    ("Talks with «Gen. Smith» ended. Next came.", ["Talks with «Gen. Smith» ended.", "Next came."]),
    ("Prices fell 5%. 12 banks closed.", ["Prices fell 5%.", "12 banks closed."]),
    // "No." abbreviates only before a number.
    ("He said ‘no.’ Then he left.", ["He said ‘no.’", "Then he left."]),
    ("They voted no. The bill failed.", ["They voted no.", "The bill failed."]),
    ("Resolution No. 2254 passed. Russia abstained.", ["Resolution No. 2254 passed.", "Russia abstained."]),
    ("See Fig. 3 and Nos. 4 and 5. It is clear.", ["See Fig. 3 and Nos. 4 and 5.", "It is clear."]),
  ])
  func splitsAtSentenceEnds(paragraph: String, expected: [String]) {
    #expect(splitter.sentences(in: paragraph) == expected, "input: \(paragraph)")
  }
}

@Suite struct PassageSplitterTests {
  @Test func shortParagraphStaysWhole() {
    let paragraph = "A short paragraph. It has two sentences."
    #expect(PassageSplitter().passages(from: [paragraph]) == [paragraph])
  }

  @Test func longBlockIsCutAtSentencesIntoEvenPassages() {
    // 26 sentences of 10 words = 260 words, the size of an FA-KES article.
    let sentence = "The convoy moved slowly along the road toward the city."
    let block = Array(repeating: sentence, count: 26).joined(separator: " ")
    let passages = PassageSplitter().passages(from: [block])
    #expect(passages.count == 3)
    #expect(passages.joined(separator: " ") == block)
    for passage in passages {
      #expect(passage.hasSuffix("city."))
      #expect((70...100).contains(PassageSplitter.wordCount(passage)))
    }
  }

  @Test(arguments: [
    ("", 0), ("one", 1), ("two words", 2), ("  spaced   out  ", 2), ("é à", 2), (" ", 0),
  ])
  func countsWordsBetweenSpaces(text: String, expected: Int) {
    #expect(PassageSplitter.wordCount(text) == expected)
  }

  @Test func doesNotCutAtAbbreviations() {
    let sentence = "Officials in the U.S. said Gen. Votel would visit the base soon."
    let block = Array(repeating: sentence, count: 20).joined(separator: " ")
    for passage in PassageSplitter().passages(from: [block]) {
      #expect(passage.hasPrefix("Officials"))
      #expect(passage.hasSuffix("soon."))
    }
  }
}
