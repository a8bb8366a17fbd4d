import Testing

@testable import NewsSearch

@Suite struct QueryParserTests {
  let parser = QueryParser()

  /// User input → (candidate expression, first-tier expression).
  @Test(arguments: [
    ("Idlib", #""Idlib""#, #"(text : "Idlib")"#),  // text matches rank above title-only ones
    ("Idlib de-escalation", #"("Idlib" OR "de escalation")"#, #"(text : "Idlib" AND text : "de escalation")"#),
    (#""joint patrols" Lavrov"#, #"("joint patrols" OR "Lavrov")"#, #"(text : "joint patrols" AND text : "Lavrov")"#),
    ("Idlib OR Idleb", #"("Idlib" OR "Idleb")"#, #"((text : "Idlib" OR text : "Idleb"))"#),
    ("Idlib -Hama", #""Idlib" NOT ("Hama")"#, #"(text : "Idlib") NOT ("Hama")"#),
    ("Idlib NOT Hama", #""Idlib" NOT ("Hama")"#, #"(text : "Idlib") NOT ("Hama")"#),
    ("lavr*", #""lavr"*"#, #"(text : "lavr"*)"#),
    ("title:Palmyra", #"title : "Palmyra""#, nil),
    (#"title:"Palmyra retaken" zone"#, #"(title : "Palmyra retaken" OR "zone")"#, #"(title : "Palmyra retaken" AND text : "zone")"#),
    ("Maarrat al-Nu'man", #"("Maarrat" OR "al Nu man")"#, #"(text : "Maarrat" AND text : "al Nu man")"#),
    ("U.S.-led", #""U S led""#, #"(text : "U S led")"#),
    ("what did the Kremlin say about joint patrols", #"("Kremlin" OR "joint" OR "patrols")"#,
     #"(text : "Kremlin" AND text : "joint" AND text : "patrols")"#),
    ("the who", #"("the" OR "who")"#, #"(text : "the" AND text : "who")"#),  // all stopwords: kept
    ("Idlib AND zone", #"("Idlib" OR "zone")"#, #"(text : "Idlib" AND text : "zone")"#),
    (#""Idlib"#, #""Idlib""#, #"(text : "Idlib")"#),  // unclosed quote runs to the end
    ("NEAR(Idlib zone)", #"("NEAR" OR "Idlib" OR "zone")"#, #"(text : "NEAR" AND text : "Idlib" AND text : "zone")"#),
    ("col:idlib", #""col idlib""#, #"(text : "col idlib")"#),
    ("Idlib; DROP TABLE article;--", #"("Idlib" OR "DROP" OR "TABLE" OR "article")"#,
     #"(text : "Idlib" AND text : "DROP" AND text : "TABLE" AND text : "article")"#),
    ("café ^Aleppo", #"("café" OR "Aleppo")"#, #"(text : "café" AND text : "Aleppo")"#),
    // A slash, comma or semicolon between letters separates words; between digits it joins.
    ("Money/Foreign Exchange", #"("Money" OR "Foreign" OR "Exchange")"#,
     #"(text : "Money" AND text : "Foreign" AND text : "Exchange")"#),
    ("Idlib/Hama,Latakia;Homs", #"("Idlib" OR "Hama" OR "Latakia" OR "Homs")"#,
     #"(text : "Idlib" AND text : "Hama" AND text : "Latakia" AND text : "Homs")"#),
    ("9/11 1,000", #"("9 11" OR "1 000")"#, #"(text : "9 11" AND text : "1 000")"#),
    ("al-Nusra/Tahrir", #"("al Nusra" OR "Tahrir")"#, #"(text : "al Nusra" AND text : "Tahrir")"#),
    ("-Idlib/Hama zone", #""zone" NOT ("Idlib" OR "Hama")"#, #"(text : "zone") NOT ("Idlib" OR "Hama")"#),
    ("Idlib/ /Hama", #"("Idlib" OR "Hama")"#, #"(text : "Idlib" AND text : "Hama")"#),
  ] as [(String, String, String?)])
  func compilesUserInput(input: String, match: String, allUnits: String?) throws {
    let query = try parser.parse(input)
    #expect(FTS5QueryCompiler.matchExpression(for: query) == match, "input: \(input)")
    #expect(FTS5QueryCompiler.allUnitsExpression(for: query) == allUnits, "input: \(input)")
  }

  @Test(arguments: ["", "   ", "-", "*", "(", ")", "AND", "OR", "NOT", "\"", "😀🔥", "\u{0}\u{7}", "^", ":", "- - -", "((()))"])
  func rejectsQueriesWithoutWords(input: String) {
    #expect(throws: QueryError.noSearchableWords(query: input)) { try parser.parse(input) }
  }

  @Test func rejectsOnlyExclusions() {
    #expect(throws: QueryError.onlyExclusions) { try parser.parse("-Idlib -Hama") }
  }

  @Test func errorMessagesSayWhatToDo() {
    #expect(
      QueryError.noSearchableWords(query: "(").description
        == "the query '(' has no words to search for (only punctuation, symbols or operators); type at least one word")
    #expect(
      QueryError.onlyExclusions.description
        == "the query only excludes words (-word); add at least one word to search for")
  }

  @Test func embeddedQuotesCannotEscapeTheirString() {
    #expect(FTS5QueryCompiler.quoted(#"a"b"#) == #""a""b""#)
  }

  @Test func longQueriesAreCut() throws {
    let words = (0..<500).map { "word\($0)" }.joined(separator: " ")
    #expect(try parser.parse(words).units.count == QueryParser.defaultMaximumUnits)
  }
}

@Suite struct SnippetBuilderTests {
  @Test func shortTextIsKeptWhole() {
    let snippet = SnippetBuilder(windowWords: 10).snippet(of: "Idlib was quiet.", matches: [0..<5])
    #expect(snippet == .init(text: "Idlib was quiet.", matches: [0..<5]))
  }

  @Test func windowCoversTheMostDistinctMatchesAndNeverCutsWords() {
    let words = (1...40).map { "w\($0)" }
    var text = words.joined(separator: " ")
    text = text.replacingOccurrences(of: "w20 ", with: "Idlib ").replacingOccurrences(of: "w22 ", with: "zone ")
    let idlib = text.range(of: "Idlib")!
    let zone = text.range(of: "zone")!
    func offsets(_ range: Range<String.Index>) -> Range<Int> {
      let start = text.unicodeScalars.distance(from: text.startIndex, to: range.lowerBound)
      return start..<(start + text[range].unicodeScalars.count)
    }
    let snippet = SnippetBuilder(windowWords: 8).snippet(of: text, matches: [offsets(idlib), offsets(zone)])
    #expect(snippet.text.hasPrefix("…"))
    #expect(snippet.text.hasSuffix("…"))
    #expect(snippet.text.contains("Idlib w21 zone"))
    let scalars = Array(snippet.text.unicodeScalars)
    let marked = snippet.matches.map { String(String.UnicodeScalarView(scalars[$0])) }
    #expect(marked == ["Idlib", "zone"])
    #expect(!snippet.text.contains("w1 "))
  }

  @Test func adjacentMatchesMergeForDisplay() {
    let text = "the Idlib de-escalation zone"
    #expect(Searcher.mergingAdjacent([4..<9, 10..<23], in: text) == [4..<23])
    #expect(Searcher.mergingAdjacent([0..<3, 24..<28], in: text) == [0..<3, 24..<28])
  }
}

@Suite struct QueryParserRefinementTests {
  @Test func possessivesNameTheWordItself() throws {
    let query = try QueryParser().parse("Feisal's visit Assad’s army")
    #expect(FTS5QueryCompiler.matchExpression(for: query) == #"("Feisal" OR "visit" OR "Assad" OR "army")"#)
  }

  @Test func quotedStopwordsStay() throws {
    let query = try QueryParser().parse(#""the" lens"#)
    #expect(query.units == [.word("the"), .word("lens")])
    #expect(query.droppedStopwords.isEmpty)
  }

  @Test func stopwordsAreDroppedBeforeTheUnitLimit() throws {
    let words = (0..<100).map { "the word\($0)" }.joined(separator: " ")
    let query = try QueryParser().parse(words)
    #expect(query.units.count == QueryParser.defaultMaximumUnits)
    #expect(query.units.allSatisfy { $0 != .word("the") })
  }
}
