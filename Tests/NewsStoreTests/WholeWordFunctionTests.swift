import Testing

@testable import NewsStore

/// `newshasword(text, word)`, which search uses to match a name as typed rather than by its stem.
/// Case aside for ASCII letters; a non-ASCII byte next to the word counts as a letter.
@Suite struct WholeWordFunctionTests {
  @Test(arguments: [
    ("Hamas said so.", "hamas", true),
    ("Talks with HAMAS ended.", "hamas", true),
    ("Talks with Hamas, then more", "hamas", true),
    ("Hamasé", "hamas", false),
    ("Hama's countryside", "hamas", false),
    ("Hamasaki arrived", "hamas", false),
    ("in Hama", "hamas", false),
    ("in Hama", "hama", true),
    ("", "hama", false),
  ])
  func holdsTheWordWholeCaseAside(text: String, word: String, holds: Bool) {
    var text = text
    var word = word
    let found = text.withUTF8 { text in word.withUTF8 { WholeWordFunction.holds(text, word: $0) } }
    #expect(found == holds, "\(text) / \(word)")
  }

  @Test func isRegisteredOnTheArchivesConnections() throws {
    let archive = try Archive.inMemory()
    let found = try archive.database.read { db in
      try Bool.fetchOne(db, sql: "SELECT newshasword('Hamas said so', 'hamas')")
    }
    #expect(found == true)
  }
}
