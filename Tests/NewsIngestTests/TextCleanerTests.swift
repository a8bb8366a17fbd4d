import Testing

@testable import NewsIngest

@Suite struct TextCleanerTests {
  let cleaner = TextCleaner()

  @Test(arguments: [
    ("western\nSyria.", "western Syria."),  // hard wrap
    ("near  Qalaat  al-Madiq", "near Qalaat al-Madiq"),  // justified spacing
    ("Maarrat  al-\nNu’man, al-Lataminah", "Maarrat al-Nu’man, al-Lataminah"),  // real hyphen kept
    ("the military opera-\ntion was over", "the military operation was over"),  // broken word joined
    ("the ci-\nvilians fled", "the civilians fled"),
    ("Hayat Tahrir al-\nSham fighters", "Hayat Tahrir al-Sham fighters"),
    ("a step-by-\nstep approach", "a step-by-step approach"),  // already hyphenated
    ("the US-\nled coalition", "the US-led coalition"),  // acronym
    ("the so-called Idlib de-\nescalation zone", "the so-called Idlib de-escalation zone"),  // doubled vowel
    ("pro-\ngovernment militias", "pro-government militias"),  // prefix that keeps its hyphen
    ("Deir ez-\nZor province", "Deir ez-Zor province"),
  ])
  func joinsWrappedLines(raw: String, expected: String) {
    #expect(cleaner.paragraphs(in: raw) == [expected], "input: \(raw.debugDescription)")
  }

  @Test func documentSpellingDecidesAHyphen() {
    let text = "They reached a cease-\nfire. The ceasefire held.\n\nA well-known cease-fire line."
    #expect(cleaner.paragraphs(in: text)[0] == "They reached a cease-fire. The ceasefire held.")
    let joined = "The reconstruc-\ntion began. Reconstruction costs rose."
    #expect(cleaner.paragraphs(in: joined) == ["The reconstruction began. Reconstruction costs rose."])
  }

  @Test func blankLinesSeparateParagraphs() {
    let text = "First line\ncontinues.\n\n\nSecond paragraph\nhere.\n"
    #expect(cleaner.paragraphs(in: text) == ["First line continues.", "Second paragraph here."])
  }

  @Test func indentedLineAfterSentenceEndStartsParagraph() {
    // The seed: " Colonel  Francois-Regis  Legrier…" starts a paragraph with no blank line.
    let text = """
      announce the victory because this will eliminate the only formal justification of the
      country.
       Colonel  Francois-Regis  Legrier,  who  has  been  in  charge  of  directing  French
      artillery supporting the SDF since October, faced punishment.
      """
    #expect(
      cleaner.paragraphs(in: text) == [
        "announce the victory because this will eliminate the only formal justification of the country.",
        "Colonel Francois-Regis Legrier, who has been in charge of directing French artillery supporting the SDF since October, faced punishment.",
      ])
  }

  @Test func indentedLineMidSentenceDoesNotBreak() {
    #expect(cleaner.paragraphs(in: "the attack on\n the town of Douma") == ["the attack on the town of Douma"])
  }

  @Test func keepsOriginalCharacters() {
    let text = "He said “it’s up to the military” in Aleppó."
    #expect(cleaner.paragraphs(in: text) == [text])
  }

  @Test(arguments: [
    ("a\r\nb", "a\nb"),
    ("a\rb", "a\nb"),
    ("tab\there", "tab here"),
    ("no\u{00A0}break", "no break"),
    ("bell\u{07}gone", "bellgone"),
    ("zero\u{200B}width", "zerowidth"),
    ("Latin-1 misread: it\u{92}s", "Latin-1 misread: it’s"),
    ("café\u{2003}noir\u{2028}x", "café noir\nx"),  // multi-byte scalars kept, replaced, split on
  ])
  func normalizesCharacters(raw: String, expected: String) {
    #expect(TextCleaner.normalizeCharacters(raw) == expected)
  }

  @Test(arguments: [
    ("  a   b  c ", "a b c"),
    ("already single", "already single"),
    (" leading", "leading"),
    ("trailing ", "trailing"),
    ("Aleppó  née", "Aleppó née"),
    ("", ""),
    ("   ", ""),
  ])
  func collapsesSpaces(raw: String, expected: String) {
    #expect(TextCleaner.collapseSpaces(raw) == expected)
  }

  @Test(arguments: [
    ("opera-\ntion", true),
    ("opera-   \ntion", true),  // spaces after the hyphen
    ("opera-\r\ntion", true),
    ("al-Sham\nfighters", false),  // a hyphen inside a word
    ("ends with a hyphen-", false),  // no line end after it
    ("- \n", true),
    ("no hyphen at all\n", false),
    ("a - b\nc", false),
  ])
  func findsLineEndHyphens(text: String, expected: Bool) {
    #expect(TextCleaner.hasLineEndHyphen(text) == expected, "input: \(text.debugDescription)")
  }

  @Test(arguments: [
    ("plain ASCII, with a line feed\n", true),
    ("", true),
    ("tab\there", false),
    ("carriage\rreturn", false),
    ("delete\u{7F}", false),
    ("curly ’ quote", false),
  ])
  func recognisesPlainASCII(text: String, expected: Bool) {
    #expect(TextCleaner.isPlainASCII(text) == expected, "input: \(text.debugDescription)")
  }

  @Test func splitsLinesKeepingEmptyOnes() {
    #expect(TextCleaner.lines(of: "a\n\nbé\n") == ["a", "", "bé", ""])
    #expect(TextCleaner.lines(of: "") == [""])
    #expect(TextCleaner.lines(of: "one line") == ["one line"])
  }

  @Test func dropsEmptyParagraphs() {
    #expect(cleaner.paragraphs(in: "\n\n   \n\n").isEmpty)
  }

  @Test func dropsRulesBetweenSections() {
    let text = "Coffee futures opened lower.\n\n-----\n\n* * *\n\n— · —\n\nCocoa was steady.\n\n٣\n\nبيان"
    #expect(cleaner.paragraphs(in: text) == ["Coffee futures opened lower.", "Cocoa was steady.", "٣", "بيان"])
  }
}
