import GRDB
import NewsModel

/// The vocabulary behind spelling variants: `spellingKey(term, key, docs, isName)`, one row per
/// ASCII-letter term of the paragraph index (porter stems, as FTS5 stores them), keyed by
/// ``VariantKey``, so that a search reads only the rows of its words' keys.
///
/// For example:
///
/// ```sql
/// -- the spellings of Idlib the archive has, and which are names
/// SELECT term, docs, isName FROM spellingKey WHERE key = '*dl*b'
/// ```
///
/// Filled from `fts5vocab(paragraphFTS)` at the end of every index run (so a second run, or one
/// that replaced articles, refills it) and by the migration that created it.
///
/// A term is a *name* when at least half of its occurrences in paragraph text fall inside an
/// entity mention (on FA-KES the most precise name set measured, 0.894; `Tools/variants`).
/// An archive indexed without entities (`--no-entities`) has no mentions; there a term is a
/// name when at least half of its occurrences away from a sentence start are capitalised
/// (0.870 on FA-KES). An archive written in capitals has no names (``minimumCasedShare``).
///
/// Related SQLite documentation: <https://sqlite.org/fts5.html#the_fts5vocab_virtual_table_module>
extension ArchiveWriter {
  /// Terms shorter than this are left out.
  ///
  /// Two letters are kept: the articles ("al", "ez") and the halves of split names ("nu man")
  /// are what phrase variants are made of.
  static let minimumSpellingTermLength = 2
  /// Longer terms are not words (URLs, glued text); keys of them would never be looked up.
  static let maximumSpellingTermLength = 40
  /// Below this share of paragraphs with a lowercase letter, an archive is written in capitals
  /// (TIME's 1963 stories): case says nothing about names there, and the tagger marks common
  /// words (SPINE, EUROPA) as names, so no term is a name and nothing is respelled.
  static let minimumCasedShare = 0.5
  /// Paragraphs sampled to tell.
  static let casedSample = 10_000

  /// Where the vocabulary scan is cut in two (``VocabularyCounts/scan(in:from:to:)``), so that
  /// the two halves take about the same time (1.3 s each at 1M paragraphs).
  static let vocabularySplitTerm = "l"

  /// Replaces the rows of `spellingKey` with the current vocabulary of `paragraphFTS`.
  ///
  /// `nameEvidence` gives the counts that tell names (mentions, or capitalisation) when they
  /// were started on another thread (see ``finishEntities()``); without it they are counted
  /// here. `laterTerms`, when given, holds the vocabulary from ``vocabularySplitTerm`` on, read
  /// on another thread; this connection then reads only the terms before it.
  static func fillSpellingKeys(
    in db: Database, nameEvidence: BackgroundWork<NameEvidence>? = nil,
    laterTerms: BackgroundWork<VocabularyCounts>? = nil
  ) throws {
    try db.execute(sql: "DELETE FROM spellingKey")
    var vocabulary = try VocabularyCounts.scan(
      in: db, to: laterTerms == nil ? VocabularyCounts.afterLastTerm : vocabularySplitTerm)
    if let laterTerms { try vocabulary.add(laterTerms.value()) }
    let textCounts = vocabulary.text
    let titleDocs = vocabulary.titleDocs
    guard !textCounts.isEmpty || !titleDocs.isEmpty else { return }
    let cased =
      try Double.fetchOne(
        db, sql: "SELECT avg(text GLOB '*[a-z]*') FROM (SELECT text FROM paragraph LIMIT \(casedSample))")
      ?? 1
    let names =
      cased >= minimumCasedShare
      ? try nameTerms(textCounts: textCounts.mapValues(\.occurrences), evidence: nameEvidence, in: db)
      : []
    let insert = try db.makeStatement(
      sql: "INSERT INTO spellingKey(term, key, docs, isName) VALUES (?, ?, ?, ?)")
    // In term order: appending to the primary key's B-tree is cheaper than random inserts.
    for term in Set(textCounts.keys).union(titleDocs.keys).sorted() {
      let docs = textCounts[term]?.docs ?? titleDocs[term] ?? 0
      try insert.execute(arguments: [term, VariantKey.of(term), docs, names.contains(term)])
    }
  }

  /// Starts reading the vocabulary from ``vocabularySplitTerm`` on, on another thread, for
  /// ``fillSpellingKeys(in:nameEvidence:laterTerms:)``; nil for an index in memory.
  static func scanLaterTermsAside(of database: any DatabaseWriter) -> BackgroundWork<VocabularyCounts>? {
    guard let pool = database as? DatabasePool else { return nil }
    return BackgroundWork {
      try pool.read { db in try VocabularyCounts.scan(in: db, from: vocabularySplitTerm) }
    }
  }

  /// What tells the terms that are names: occurrences inside entity mentions when the archive
  /// has any, else capitalisation.
  enum NameEvidence: Sendable {
    case mentions(MentionTermCounts)
    case capitalisation(CapitalisationCounts)
  }

  /// Counts the evidence for names in what `db` holds: one pass over mentions or paragraphs.
  static func countNameEvidence(in db: Database) throws -> NameEvidence {
    try hasMentions(in: db)
      ? .mentions(MentionTermCounts.count(mentionsIn: db))
      : .capitalisation(CapitalisationCounts.count(paragraphsIn: db))
  }

  /// The terms that are mostly part of names: by entity mentions when the archive has any,
  /// else by capitalisation.
  static func nameTerms(
    textCounts: [String: Int], evidence: BackgroundWork<NameEvidence>?, in db: Database
  ) throws -> Set<String> {
    switch try evidence?.value() ?? countNameEvidence(in: db) {
    case .mentions(let counts): mentionedTerms(textCounts: textCounts, counts: counts)
    case .capitalisation(let counts): capitalisedTerms(textCounts: textCounts, counts: counts)
    }
  }

  /// Whether any paragraph has an entity mention (an archive indexed with entities).
  static func hasMentions(in db: Database) throws -> Bool {
    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM mention)") ?? false
  }

  /// Terms of which at least half of the occurrences in paragraph text lie inside a mention.
  static func mentionedTerms(textCounts: [String: Int], counts: MentionTermCounts) -> Set<String> {
    var names = Set<String>()
    for (term, inside) in counts.inside {
      if let total = textCounts[term], total > 0, 2 * inside >= total { names.insert(term) }
    }
    return names
  }

  /// Terms mostly capitalised away from a sentence start (`Tools/variants/evaluate.py`'s rule).
  ///
  /// A term is a name when at least half of its occurrences there are capitalised. The
  /// mid-sentence total is the text count less the sentence-initial occurrences.
  static func capitalisedTerms(textCounts: [String: Int], counts: CapitalisationCounts) -> Set<String> {
    var names = Set<String>()
    for (term, upper) in counts.capitalised {
      let midSentence = (textCounts[term] ?? 0) - (counts.initial[term] ?? 0)
      if midSentence > 0, 2 * upper >= midSentence { names.insert(term) }
    }
    return names
  }
}

/// Words of paragraph text sorted for the capitalisation rule.
///
/// Capitalised words away from a sentence start go to one list, words that start a sentence
/// to the other. Words are runs of letters and digits, and a
/// sentence starts after `.`, `!` or `?`, as in `Tools/variants/evaluate.py`.
///
/// Works on UTF-8 bytes, decoding a scalar only where a byte is not ASCII: this scans every
/// paragraph of an archive indexed without entities.
struct CapitalisationSample {
  private(set) var capitalisedBytes: [UInt8] = []
  private(set) var initialBytes: [UInt8] = []
  var capitalised: String { String(decoding: capitalisedBytes, as: UTF8.self) }
  var initial: String { String(decoding: initialBytes, as: UTF8.self) }
  var byteCount: Int { capitalisedBytes.count + initialBytes.count }

  mutating func add(_ text: String) {
    text.withUTF8Bytes { add(bytes: $0) }
  }

  mutating func add(bytes: UnsafeBufferPointer<UInt8>) {
    var sentenceStart = true
    var wordStart: Int?
    var wordIsCapitalised = false
    var index = 0
    func endWord(at end: Int) {
      guard let start = wordStart else { return }
      if sentenceStart {
        initialBytes.append(contentsOf: bytes[start..<end])
        initialBytes.append(0x20)
      } else if wordIsCapitalised {
        capitalisedBytes.append(contentsOf: bytes[start..<end])
        capitalisedBytes.append(0x20)
      }
      sentenceStart = false
      wordStart = nil
    }
    while index < bytes.count {
      let byte = bytes[index]
      var width = 1
      var isWord: Bool
      var isUpper = false
      if byte < 0x80 {
        isWord =
          (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
        isUpper = byte >= 0x41 && byte <= 0x5A
      } else {
        width = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
        width = min(width, bytes.count - index)
        let scalar = String(decoding: bytes[index..<(index + width)], as: UTF8.self).unicodeScalars.first
        isWord = scalar.map(CapitalisationSample.isWordScalar) ?? false
        isUpper = scalar?.properties.isUppercase ?? false
      }
      if isWord {
        if wordStart == nil {
          wordStart = index
          wordIsCapitalised = isUpper
        }
      } else {
        endWord(at: index)
        if byte == 0x2E || byte == 0x21 || byte == 0x3F { sentenceStart = true }  // . ! ?
      }
      index += width
    }
    endWord(at: bytes.count)
    // A paragraph break ends a sentence too; the separator keeps words of two paragraphs apart.
    capitalisedBytes.append(0x0A)
    initialBytes.append(0x0A)
  }

  /// Letters and digits, as FTS5's unicode61 reads them; ASCII is decided without a table.
  static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
    case 0..<0x80: return false
    default:
      switch scalar.properties.generalCategory {
      case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
        .decimalNumber, .letterNumber, .otherNumber:
        return true
      default: return false
      }
    }
  }
}
