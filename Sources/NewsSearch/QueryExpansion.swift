import NewsModel
import NewsStore

/// Other spellings of a name in the query that the search also looked for.
public struct SpellingExpansion: Sendable, Equatable {
  /// The name as typed: "Idlib", "Deir Ezzor".
  public var typed: String
  /// The other spellings searched, as the archive writes them: "Idleb", "Deir ez-Zor".
  public var spellings: [String]

  public init(typed: String, spellings: [String]) {
    self.typed = typed
    self.spellings = spellings
  }
}

/// A passage matched a name in another spelling.
public struct VariantMatch: Sendable, Equatable {
  /// The name as typed: "Idlib".
  public var typed: String
  /// The spelling the passage uses, as written there: "Idleb".
  public var matched: String

  public init(typed: String, matched: String) {
    self.typed = typed
    self.matched = matched
  }
}

/// Rewrites the names of a query so that they also find their other spellings in the archive
/// (Idlib → `"Idlib" OR "idleb" OR "edlib"`), using only the vocabulary rows of the query
/// words' ``VariantKey``s (`spellingKey`), and recognises those spellings in the hits.
///
/// - A plain word that the vocabulary has as a name, or does not have at all ("Edleb"),
///   becomes an OR of itself and at most ``maximumWordVariants`` names spelled alike
///   (``SpellingVariants/variants(of:)``). A word the archive uses as an ordinary word gets
///   nothing: English words share skeletons too often (bad/bed, fate/Fateh).
/// - A hyphenated name ("Deir ez-Zor", "al-Numan"), and a run of two or three plain units
///   that spell a name between them ("Deir Ezzor", "Maarat al-Numan"), get the other ways of
///   writing the whole name (``SpellingVariants/phraseVariants(of:limit:)``: respelled tokens,
///   articles dropped or changed, tokens split or joined), each checked to occur, at most
///   ``maximumPhraseVariants``. In a run, each unit gets the alternatives, so a passage naming
///   the place in another spelling still holds every unit of the query.
/// - Quoted phrases, `prefix*` words and excluded words are never expanded.
///
/// Stems: vocabulary terms are porter stems and query words are not, so a word is looked up
/// both as typed and as its stem (``TermStemmer``), and a variant whose own stem differs from
/// it (porter is not idempotent for a few percent of stems: `abus` → `abu`) is dropped, since
/// FTS5 would stem it again into another word.
struct QueryExpander {
  /// Other spellings searched per word, commonest first.
  static let maximumWordVariants = 4
  /// A spelling in fewer paragraphs than this share of the word's is left out (Alepppo for
  /// Aleppo, ROSSIYA for RUSSIA): mostly typos or other words, and its rarity would give its
  /// few passages a high bm25 weight where no first tier puts the typed spelling ahead.
  static let minimumVariantShare = 0.01
  /// Other spellings searched per multi-token name.
  static let maximumPhraseVariants = 6
  /// Phrase candidates asked for per name before they are checked against the index.
  static let phraseCandidates = 12
  /// Lookups in the index per query, for single words and for multi-token names.
  ///
  /// Each (one `MATCH … LIMIT 1`, about a millisecond) checks that a spelling occurs and reads
  /// how it is written; names get their own budget, since their candidates often do not occur.
  /// Bounds the cost of a long query.
  static let maximumWordLookups = 48
  static let maximumPhraseLookups = 24
  /// Only the first units of a pasted paragraph are expanded.
  static let maximumExpandedUnits = 16
  /// A run of units read as one name has at most this many units and tokens.
  static let maximumRunUnits = 3
  static let maximumRunTokens = 5
  /// From this length on, a known word that is not a name stops a phrase from being expanded
  /// ("de-escalation", "U.S.-led"); shorter tokens ("nu", "man" in al-Nu'man) may be anything.
  static let minimumTellingLength = 4
  /// The articles `SpellingVariants` may add, drop or swap (al, el, and the assimilated ones).
  static let articles: [String] = {
    var articles = ["al", "el"]
    for consonant in ["t", "th", "d", "dh", "r", "z", "s", "sh", "n"] {
      articles += ["a" + consonant, "e" + consonant]
    }
    return articles
  }()

  let reader: ArchiveReader
  let stemmer: TermStemmer

  /// What the expansion did: the query to run, what to tell the user, and what to look for in
  /// the hits.
  struct Outcome {
    var query: SearchQuery
    var expansions: [SpellingExpansion] = []
    var recognizer = VariantRecognizer(alternatives: [])
  }

  /// A plain phrase of the query that may be expanded, found by walking the units in order.
  struct Slot {
    var tokens: [String]
    var folded: [String]
    var stems: [String] = []
    /// The index of its unit, when the slot is a whole top-level unit (runs use these).
    var topLevelUnit: Int?
    var isWord: Bool { tokens.count == 1 }
  }

  func expand(_ query: SearchQuery, typedText: String?) throws(StoreError) -> Outcome {
    var slots: [Slot] = []
    for (index, unit) in query.units.prefix(QueryExpander.maximumExpandedUnits).enumerated() {
      QueryExpander.collect(unit, topLevel: index, quoted: query.quotedUnits, into: &slots)
    }
    guard !slots.isEmpty, try reader.hasSpellingVocabulary() else { return Outcome(query: query) }

    // Stems of every token (those of the query's other units too, to tell whether a hit holds
    // them), in one pass through FTS5.
    var tokens: [String] = []
    for slot in slots { tokens += slot.tokens }
    for unit in query.units { tokens += QueryExpander.phrases(of: unit).map { Array($0.joined()) } ?? [] }
    let stems = Dictionary(
      zip(tokens, try stemmer.terms(of: tokens)), uniquingKeysWith: { first, _ in first })
    for index in slots.indices { slots[index].stems = slots[index].tokens.map { stems[$0] ?? "" } }
    let queryStems = Set(stems.values)
    let runs = QueryExpander.runs(of: slots)

    // One read of the vocabulary rows every word, name and run needs.
    var keys = Set<String>()
    var terms = Set<String>()
    for slot in slots {
      if slot.isWord {
        keys.insert(VariantKey.of(slot.folded[0]))
        keys.insert(VariantKey.of(slot.stems[0]))
        terms.insert(slot.stems[0])
      } else {
        QueryExpander.addLookups(forPhrase: slot.stems, keys: &keys, terms: &terms)
      }
    }
    for run in runs { QueryExpander.addLookups(forPhrase: run.stems, keys: &keys, terms: &terms) }
    let rows = try reader.vocabulary(keys: keys, terms: terms)
    guard !rows.isEmpty else { return Outcome(query: query) }
    let vocabulary = Dictionary(rows.map { ($0.term, $0) }, uniquingKeysWith: { first, _ in first })
    let variants = SpellingVariants(
      vocabulary: rows.map { (term: $0.term, count: $0.docs) }, names: rows.filter(\.isName).map(\.term))

    // Candidates first, then one pass through the stemmer to keep those FTS5 leaves alone.
    var wordCandidates: [[String]] = Array(repeating: [], count: slots.count)
    var phraseCandidates: [[[String]]] = Array(repeating: [], count: slots.count)
    for (index, slot) in slots.enumerated() {
      if slot.isWord {
        wordCandidates[index] = QueryExpander.wordCandidates(
          of: slot, in: variants, vocabulary: vocabulary, excluding: queryStems)
      } else if QueryExpander.mayBeName(slot.stems, vocabulary: vocabulary) {
        phraseCandidates[index] = variants.phraseVariants(
          of: slot.stems, limit: QueryExpander.phraseCandidates)
      }
    }
    var runCandidates: [[[String]]] = runs.map { run in
      QueryExpander.mayBeName(run.stems, vocabulary: vocabulary)
        ? variants.phraseVariants(of: run.stems, limit: QueryExpander.phraseCandidates) : []
    }
    var candidateTerms = Set<String>()
    for list in wordCandidates { candidateTerms.formUnion(list) }
    for lists in phraseCandidates + runCandidates { for list in lists { candidateTerms.formUnion(list) } }
    let stable = try stableTerms(candidateTerms)
    let isStable = { (tokens: [String]) in tokens.allSatisfy { stable.contains($0) } }

    var wordLookups = 0
    var phraseLookups = 0
    /// How the archive writes a spelling; nil when it does not occur (or the budget is spent).
    func writtenForm(_ tokens: [String]) throws(StoreError) -> String? {
      if tokens.count == 1 {
        guard wordLookups < QueryExpander.maximumWordLookups else { return nil }
        wordLookups += 1
      } else {
        guard phraseLookups < QueryExpander.maximumPhraseLookups else { return nil }
        phraseLookups += 1
      }
      return try reader.firstMatchedText(FTS5QueryCompiler.expression(for: .phrase(tokens, prefix: false)))
    }

    var outcome = Outcome(query: query)
    var additions: [[QueryUnit]] = Array(repeating: [], count: slots.count)
    var alternatives: [VariantRecognizer.Alternative] = []
    var shown: [(typed: String, spellings: [String])] = []
    func record(_ tokens: [String], written: String, typed: String) {
      alternatives.append(.init(typed: typed, stems: tokens))
      if let index = shown.firstIndex(where: { $0.typed == typed }) {
        if !shown[index].spellings.contains(written) { shown[index].spellings.append(written) }
      } else {
        shown.append((typed, [written]))
      }
    }

    // Words: Idlib → Idleb, Edlib.
    var kept: [[String]] = Array(repeating: [], count: slots.count)
    for (index, slot) in slots.enumerated() where slot.isWord {
      let typed = QueryText.stretch(of: slot.tokens, in: typedText)
      for candidate in wordCandidates[index] where stable.contains(candidate) {
        guard kept[index].count < QueryExpander.maximumWordVariants else { break }
        guard let written = try writtenForm([candidate]) else { continue }
        kept[index].append(candidate)
        additions[index].append(.word(candidate))
        record([candidate], written: written, typed: typed)
      }
    }
    // Hyphenated names: Deir ez-Zor → Deir al-Zor, Deir Ezzor.
    for (index, slot) in slots.enumerated() where !slot.isWord {
      let typed = QueryText.stretch(of: slot.tokens, in: typedText)
      var count = 0
      for candidate in phraseCandidates[index] where isStable(candidate) && candidate != slot.stems {
        guard count < QueryExpander.maximumPhraseVariants else { break }
        guard let written = try writtenForm(candidate) else { continue }
        count += 1
        additions[index].append(.phrase(candidate, prefix: false))
        record(candidate, written: written, typed: typed)
      }
    }
    // Runs of units: Deir Ezzor → Deir ez-Zor. Pairs go before triples, and an alternative is
    // skipped when it only respells words one by one (the words are searched already) or
    // holds one a shorter run found (Raqqa Deir ez-Zor).
    var accepted: [[String]] = []
    for runIndex in runs.indices.sorted(by: { (runs[$0].slots.count, $0) < (runs[$1].slots.count, $1) }) {
      let run = runs[runIndex]
      let typed = QueryText.stretch(of: run.slots.flatMap { slots[$0].tokens }, in: typedText)
      var count = 0
      runCandidates[runIndex].removeAll { !isStable($0) || $0 == run.stems }
      for candidate in runCandidates[runIndex] {
        guard count < QueryExpander.maximumPhraseVariants else { break }
        if QueryExpander.respellsWordByWord(candidate, run: run, slots: slots, kept: kept)
          || accepted.contains(where: { VariantRecognizer.contains(candidate, $0) })
        {
          continue
        }
        guard let written = try writtenForm(candidate) else { continue }
        count += 1
        for slot in run.slots where !additions[slot].contains(.phrase(candidate, prefix: false)) {
          additions[slot].append(.phrase(candidate, prefix: false))
        }
        accepted.append(candidate)
        record(candidate, written: written, typed: typed)
      }
    }

    guard additions.contains(where: { !$0.isEmpty }) else { return outcome }
    var next = 0
    outcome.query.units = query.units.enumerated().map { index, unit in
      guard index < QueryExpander.maximumExpandedUnits else { return unit }
      return QueryExpander.rewrite(unit, quoted: query.quotedUnits, next: &next, additions: additions)
    }
    outcome.expansions = shown.map { SpellingExpansion(typed: $0.typed, spellings: $0.spellings) }
    // Each unit's spellings as terms; nil for a unit a passage's text cannot be checked for.
    let unitSpellings = outcome.query.units.map { unit in
      QueryExpander.phrases(of: unit).map { phrases in
        phrases.map { tokens in tokens.map { stems[$0] ?? $0 } }
      }
    }
    // The spellings typed: a stretch that is one of them is never a variant, even when a
    // variant is part of it (Numan for al-Numan).
    var typedSpellings = slots.map(\.stems) + runs.map(\.stems)
    for unit in query.units {
      for phrase in QueryExpander.phrases(of: unit) ?? [] {
        typedSpellings.append(phrase.map { stems[$0] ?? $0 })
      }
    }
    outcome.recognizer = VariantRecognizer(
      alternatives: alternatives, units: unitSpellings, typed: typedSpellings)
    return outcome
  }

  /// The phrases a unit stands for, when it is plain phrases (one, or an OR of them); nil for
  /// a prefix or a title: unit, which a passage's highlighted text cannot show.
  static func phrases(of unit: QueryUnit) -> [[String]]? {
    switch unit {
    case .phrase(let tokens, let prefix): return prefix ? nil : [tokens]
    case .inTitle: return nil
    case .either(let options):
      var all: [[String]] = []
      for option in options {
        guard let phrases = phrases(of: option) else { return nil }
        all += phrases
      }
      return all
    }
  }

  /// The terms among `terms` that FTS5 leaves as they are when it stems them again.
  func stableTerms(_ terms: Set<String>) throws(StoreError) -> Set<String> {
    let list = Array(terms)
    let stems = try stemmer.terms(of: list)
    return Set(zip(list, stems).filter { $0 == $1 }.map(\.0))
  }

  // MARK: - Finding what to expand

  /// Collects the plain phrases of a unit, in the order ``rewrite(_:quoted:next:additions:)`` visits them.
  ///
  /// Quoted units and prefixes are left out, and so are phrases with tokens that are not Latin
  /// letters (numbers, other scripts): the variant key has nothing to say there.
  static func collect(_ unit: QueryUnit, topLevel: Int?, quoted: [QueryUnit], into slots: inout [Slot]) {
    guard !quoted.contains(unit) else { return }
    switch unit {
    case .phrase(let tokens, let prefix):
      guard !prefix else { return }
      let folded = tokens.map { String(decoding: VariantKey.foldedBytes($0), as: UTF8.self) }
      guard folded.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } }) else {
        return
      }
      // Short words stay: they have no variants of their own, but "Deir ez Zor" typed with
      // spaces is a run of three units.
      slots.append(Slot(tokens: tokens, folded: folded, topLevelUnit: topLevel))
    case .inTitle(let inner):
      collect(inner, topLevel: nil, quoted: quoted, into: &slots)
    case .either(let options):
      for option in options { collect(option, topLevel: nil, quoted: quoted, into: &slots) }
    }
  }

  /// Replaces each collected phrase by an OR of itself and its additions, visiting units in
  /// the same order as ``collect(_:topLevel:quoted:into:)``.
  static func rewrite(_ unit: QueryUnit, quoted: [QueryUnit], next: inout Int, additions: [[QueryUnit]])
    -> QueryUnit
  {
    guard !quoted.contains(unit) else { return unit }
    switch unit {
    case .phrase(let tokens, let prefix):
      var probe: [Slot] = []
      collect(unit, topLevel: nil, quoted: [], into: &probe)
      guard !probe.isEmpty, next < additions.count else { return unit }
      defer { next += 1 }
      let added = additions[next]
      return added.isEmpty ? unit : .either([.phrase(tokens, prefix: prefix)] + added)
    case .inTitle(let inner):
      return .inTitle(rewrite(inner, quoted: quoted, next: &next, additions: additions))
    case .either(let options):
      var flattened: [QueryUnit] = []
      for option in options {
        let rewritten = rewrite(option, quoted: quoted, next: &next, additions: additions)
        if case .either(let inner) = rewritten, option != rewritten {
          flattened += inner
        } else {
          flattened.append(rewritten)
        }
      }
      return .either(flattened)
    }
  }

  /// Two or three adjacent top-level units that may spell one name between them.
  struct Run {
    var slots: [Int]
    var stems: [String]
  }

  static func runs(of slots: [Slot]) -> [Run] {
    var runs: [Run] = []
    for start in slots.indices {
      guard let first = slots[start].topLevelUnit else { continue }
      var members = [start]
      var stems = slots[start].stems
      var next = start + 1
      while next < slots.count, members.count < maximumRunUnits,
        slots[next].topLevelUnit == first + members.count
      {
        stems += slots[next].stems
        guard stems.count <= maximumRunTokens else { break }
        members.append(next)
        runs.append(Run(slots: members, stems: stems))
        next += 1
      }
    }
    return runs
  }

  /// Whether a phrase may be a name.
  ///
  /// Some token must be a name (or unknown to the archive: a spelling it does not use), and no
  /// telling token a word the archive uses as an ordinary word. Articles are left out of both
  /// tests.
  static func mayBeName(_ stems: [String], vocabulary: [String: VocabularyTerm]) -> Bool {
    var hasName = false
    for (index, stem) in stems.enumerated() {
      let next = index + 1 < stems.count ? Array(stems[index + 1].utf8) : nil
      if VariantForm.isArticle(Array(stem.utf8), before: next) { continue }
      if let known = vocabulary[stem] {
        if known.isName {
          hasName = true
        } else if stem.utf8.count >= minimumTellingLength {
          return false
        }
      } else {
        hasName = true
      }
    }
    return hasName
  }

  /// Other spellings of a single word, commonest first: of its stem and of the word as typed.
  static func wordCandidates(
    of slot: Slot, in variants: SpellingVariants, vocabulary: [String: VocabularyTerm],
    excluding queryStems: Set<String>
  ) -> [String] {
    let stem = slot.stems[0]
    // A word the archive uses, but not as a name, has no spellings to find.
    if let known = vocabulary[stem], !known.isName { return [] }
    let floor = Double(vocabulary[stem]?.docs ?? 0) * minimumVariantShare
    var candidates: [String] = []
    for found in variants.variants(of: stem) + variants.variants(of: slot.folded[0])
    where !queryStems.contains(found) && !candidates.contains(found)
      && Double(vocabulary[found]?.docs ?? 0) >= floor
    {
      candidates.append(found)
    }
    return candidates.enumerated().sorted {
      (vocabulary[$0.element]?.docs ?? 0, $1.offset) > (vocabulary[$1.element]?.docs ?? 0, $0.offset)
    }.map(\.element)
  }

  /// Whether a run's alternative only changes whole tokens into variants already searched.
  static func respellsWordByWord(_ candidate: [String], run: Run, slots: [Slot], kept: [[String]]) -> Bool {
    guard candidate.count == run.stems.count else { return false }
    var position = 0
    for member in run.slots {
      for stem in slots[member].stems {
        let token = candidate[position]
        if token != stem, !(slots[member].isWord && kept[member].contains(token)) { return false }
        position += 1
      }
    }
    return true
  }

  /// The keys and terms `SpellingVariants.phraseVariants` reads for a name: its tokens and
  /// their variants, the halves a token may split into (numan → nu man), the token an
  /// assimilated article leaves (ezzor → zor), two tokens joined (ez zor → ezzor), and the
  /// articles.
  static func addLookups(forPhrase stems: [String], keys: inout Set<String>, terms: inout Set<String>) {
    terms.formUnion(articles)
    for (index, stem) in stems.enumerated() where !stem.isEmpty {
      terms.insert(stem)
      keys.insert(VariantKey.of(stem))
      let bytes = Array(stem.utf8)
      if bytes.count >= 5 {
        for cut in 2...(bytes.count - 2) {
          terms.insert(String(decoding: bytes[..<cut], as: UTF8.self))
          terms.insert(String(decoding: bytes[cut...], as: UTF8.self))
        }
        if VariantForm.isVowelLetter(bytes[0]), !VariantForm.isVowelLetter(bytes[1]), bytes[1] == bytes[2] {
          let rest = String(decoding: bytes.dropFirst(2), as: UTF8.self)
          terms.insert(rest)
          keys.insert(VariantKey.of(rest))
        }
      }
      if index + 1 < stems.count {
        let second = Array(stems[index + 1].utf8)
        keys.insert(VariantKey.of(String(decoding: bytes + second, as: UTF8.self)))
        if bytes.count == 2, bytes[1] == UInt8(ascii: "l"), let initial = second.first {
          keys.insert(VariantKey.of(String(decoding: [bytes[0], initial] + second, as: UTF8.self)))
        }
      }
    }
  }
}

/// Says which hits matched a name through another spelling.
///
/// The stretches FTS5 highlighted are stemmed, and a stretch is a variant when its terms are
/// the variant's, whatever its case, accents or punctuation ("Deir ez-Zor" is `deir ez zor`).
/// A stretch that is one of the query's own spellings is never a variant, even when a variant
/// is part of it (Numan in al-Numan).
struct VariantRecognizer {
  struct Alternative {
    var typed: String
    var stems: [String]
  }

  /// What a hit matched through other spellings.
  struct Found {
    var matches: [VariantMatch] = []
    /// Whether its text holds every unit of the query, some through another spelling.
    var holdsEveryUnit = false
  }

  let alternatives: [Alternative]
  /// For each unit of the query that ran, its spellings as terms (nil: cannot be checked).
  var units: [[[String]]?] = []
  /// The query's own spellings, as terms.
  var typed: [[String]] = []

  /// The variant matches of each hit, in text order, one per spelling.
  func matches(in hits: [PassageHit], stemmer: TermStemmer) throws(StoreError) -> [Found] {
    guard !alternatives.isEmpty else { return hits.map { _ in Found() } }
    // Every highlighted token of the page, stemmed in one pass.
    var stretches: [[(text: String, range: Range<Int>)]] = []
    var words: [String] = []
    for hit in hits {
      let scalars = Array(hit.text.unicodeScalars)
      for match in hit.matches where match.upperBound <= scalars.count {
        let tokens = QueryText.tokens(in: scalars, within: match)
        stretches.append(tokens)
        words += tokens.map(\.text)
      }
    }
    let stems = try stemmer.terms(of: words)
    var position = 0
    var stretchIndex = 0
    var result: [Found] = []
    // Longest first, and a typed spelling before a variant of the same length, so that a
    // stretch is read as the longest spelling it holds.
    let longestFirst =
      (typed.map { (alternative: Alternative?.none, stems: $0) } + alternatives.map { ($0, $0.stems) })
      .enumerated().sorted { ($0.element.stems.count, -$0.offset) > ($1.element.stems.count, -$1.offset) }
      .map(\.element)
    for hit in hits {
      let scalars = Array(hit.text.unicodeScalars)
      var found: [VariantMatch] = []
      var stretchTerms: [[String]] = []
      for match in hit.matches where match.upperBound <= scalars.count {
        let tokens = stretches[stretchIndex]
        stretchIndex += 1
        let termsHere = Array(stems[position..<(position + tokens.count)])
        position += tokens.count
        stretchTerms.append(termsHere)
        var used = Set<Int>()
        for spelling in longestFirst {
          let width = spelling.stems.count
          guard width > 0, width <= termsHere.count else { continue }
          for start in 0...(termsHere.count - width)
          where !(start..<(start + width)).contains(where: used.contains)
            && Array(termsHere[start..<(start + width)]) == spelling.stems
          {
            used.formUnion(start..<(start + width))
            guard let alternative = spelling.alternative else { continue }
            let stretch = tokens[start].range.lowerBound..<tokens[start + width - 1].range.upperBound
            let variant = VariantMatch(
              typed: alternative.typed, matched: String(String.UnicodeScalarView(scalars[stretch])))
            if !found.contains(variant) { found.append(variant) }
          }
        }
      }
      let holdsEveryUnit =
        !found.isEmpty && !units.isEmpty
        && units.allSatisfy { spellings in
          spellings?.contains { spelling in
            stretchTerms.contains { VariantRecognizer.contains($0, spelling) }
          } ?? false
        }
      result.append(Found(matches: found, holdsEveryUnit: holdsEveryUnit))
    }
    return result
  }

  static func contains(_ terms: [String], _ run: [String]) -> Bool {
    guard !run.isEmpty, run.count <= terms.count else { return false }
    return (0...(terms.count - run.count)).contains { Array(terms[$0..<($0 + run.count)]) == run }
  }
}

/// Finding the words of a query in the text the user typed, to show them as typed.
enum QueryText {
  /// The stretch of `text` that holds `tokens` in a row ("Deir ez-Zor" for deir, ez, zor), or
  /// the tokens joined by spaces when it is not there.
  static func stretch(of tokens: [String], in text: String?) -> String {
    if let text {
      let scalars = Array(text.unicodeScalars)
      let found = QueryText.tokens(in: scalars, within: 0..<scalars.count)
      if found.count >= tokens.count, !tokens.isEmpty {
        for start in 0...(found.count - tokens.count)
        where found[start..<(start + tokens.count)].map(\.text) == tokens {
          let range = found[start].range.lowerBound..<found[start + tokens.count - 1].range.upperBound
          return String(String.UnicodeScalarView(scalars[range]))
        }
      }
    }
    return tokens.joined(separator: " ")
  }

  /// Tokens as ``Tokenizer`` cuts them, with their code-point ranges.
  static func tokens(in scalars: [Unicode.Scalar], within range: Range<Int>) -> [(
    text: String, range: Range<Int>
  )] {
    var tokens: [(text: String, range: Range<Int>)] = []
    var start: Int?
    for index in range {
      if Tokenizer.isTokenScalar(scalars[index]) {
        if start == nil { start = index }
      } else if let begin = start {
        tokens.append((String(String.UnicodeScalarView(scalars[begin..<index])), begin..<index))
        start = nil
      }
    }
    if let begin = start {
      tokens.append(
        (String(String.UnicodeScalarView(scalars[begin..<range.upperBound])), begin..<range.upperBound))
    }
    return tokens
  }
}
