// The key itself (`VariantKey`, `VariantForm`) lives in NewsModel, so that the store can fill
// its vocabulary table with keys. Tools/variants compiles both files into one program, where
// there is no NewsModel module to import.
#if canImport(NewsModel)
  import NewsModel
#endif

/// Other spellings of a word among the words an archive actually contains.
///
/// Built from the index vocabulary (FTS5 `fts5vocab` rows: porter stems, lowercased and
/// folded, with their document counts). Two terms are variants when they share a
/// ``VariantKey`` and their vowels agree (`VariantForm.agrees(with:)`), both have at least four
/// letters and a consonant, and, when a set of name terms is given, both are names: plain
/// English words share skeletons far too often (bad/bed, leader/ladder, fate/Fateh).
public struct SpellingVariants: Sendable {
  struct Entry: Sendable {
    let term: String
    let count: Int
  }

  private let entries: [Entry]
  private let positions: [String: Int]
  /// key → indices into `entries`, commonest first.
  private let groups: [String: [Int]]
  private let names: Set<String>?
  /// How many candidate phrases ``phraseVariants(of:limit:)`` builds before it filters them.
  static let maximumPhraseCandidates = 512

  /// Every vocabulary term may have variants.
  ///
  /// Precise for transliterated names, but English words that differ by a vowel (bed/bad)
  /// become variants too: prefer `init(vocabulary:names:)`.
  public init(vocabulary: some Sequence<(term: String, count: Int)>) {
    self.init(vocabulary: vocabulary, nameSet: nil)
  }

  /// Only `names` (terms of the vocabulary that are parts of names: stems of entity names, or
  /// words mostly written capitalized) have variants, and only names are offered as variants.
  public init(vocabulary: some Sequence<(term: String, count: Int)>, names: some Sequence<String>) {
    self.init(vocabulary: vocabulary, nameSet: Set(names))
  }

  private init(vocabulary: some Sequence<(term: String, count: Int)>, nameSet: Set<String>?) {
    var entries: [Entry] = []
    var positions: [String: Int] = [:]
    for (term, count) in vocabulary {
      if let position = positions[term] {
        entries[position] = Entry(term: term, count: entries[position].count + count)
      } else {
        positions[term] = entries.count
        entries.append(Entry(term: term, count: count))
      }
    }
    var groups: [String: [Int]] = [:]
    for (index, entry) in entries.enumerated() {
      // Cheap filters first: most of a vocabulary is English words or numbers. The vocabulary
      // is folded already, so a term that is not ASCII is in another script.
      guard entry.term.utf8.count >= VariantForm.minimumLetters,
        entry.term.utf8.allSatisfy({ $0 < 0x80 }),
        nameSet?.contains(entry.term) ?? true,
        let form = VariantForm(tokens: [VariantKey.foldedBytes(entry.term)])
      else { continue }
      groups[form.key, default: []].append(index)
    }
    for key in groups.keys {
      groups[key]!.sort {
        entries[$0].count != entries[$1].count
          ? entries[$0].count > entries[$1].count : entries[$0].term < entries[$1].term
      }
    }
    self.entries = entries
    self.positions = positions
    self.groups = groups
    self.names = nameSet
  }

  /// The number of distinct terms read.
  public var termCount: Int { entries.count }

  /// The document count of a term, 0 when the vocabulary does not have it.
  public func count(of term: String) -> Int {
    positions[term].map { entries[$0].count } ?? 0
  }

  /// Other spellings of `token` in the vocabulary, commonest first, never `token` itself.
  ///
  /// Pass the term as the index has it (its porter stem: `koban` for "Kobane") to compare like
  /// with like; a typed word works too, but its own stem may then come back. With a name set,
  /// a token the vocabulary has but not as a name gets no variants.
  public func variants(of token: String) -> [String] {
    let bytes = VariantKey.foldedBytes(token)
    let term = String(decoding: bytes, as: UTF8.self)
    if let names, positions[term] != nil, !names.contains(term) { return [] }
    guard let form = VariantForm(tokens: [bytes]), let group = groups[form.key] else { return [] }
    return group.lazy.map { entries[$0].term }.filter { other in
      other != term && VariantForm(tokens: [Array(other.utf8)]).map(form.agrees(with:)) ?? false
    }
  }

  /// Other spellings of a name of several tokens (stems, as the index splits them), as token
  /// lists, most common first (by their rarest non-article token), at most `limit`.
  ///
  /// Candidates replace a token by one of its variants, drop or change an article, join two
  /// tokens (ez zor → ezzor, nu man → numan) or split one (ezzor → al zor, numan → nu man);
  /// a candidate is kept when all its tokens are in the vocabulary and its
  /// ``VariantKey/ofPhrase(_:)`` form agrees with the query's. Whether a candidate phrase occurs
  /// is for the index to say: the vocabulary only knows single terms.
  public func phraseVariants(of tokens: [String], limit: Int = 12) -> [[String]] {
    let words = tokens.map(VariantKey.foldedBytes)
    guard words.count >= 2, let target = VariantForm(tokens: words) else { return [] }
    let original = words.map { String(decoding: $0, as: UTF8.self) }
    // Options consuming one token (itself, a variant, an article changed, a split) or two (a join).
    let single = words.indices.map { options(forToken: $0, of: words) }
    let joined = words.indices.map { $0 + 1 < words.count ? joins(words[$0], words[$0 + 1]) : [] }
    var candidates: [[String]] = []
    func expand(_ index: Int, _ prefix: [String]) {
      guard candidates.count < SpellingVariants.maximumPhraseCandidates else { return }
      if index == words.count {
        candidates.append(prefix)
        return
      }
      for option in single[index] { expand(index + 1, prefix + option) }
      for option in joined[index] { expand(index + 2, prefix + option) }
    }
    expand(0, [])
    var seen = Set<[String]>()
    var kept: [(tokens: [String], count: Int, changes: Int)] = []
    for candidate in candidates
    where candidate != original && !candidate.isEmpty && seen.insert(candidate).inserted {
      guard candidate.allSatisfy({ positions[$0] != nil }),
        let form = VariantForm(tokens: candidate.map { Array($0.utf8) }), form.agrees(with: target)
      else { continue }
      let content = candidate.enumerated().filter { position, token in
        !VariantForm.isArticle(
          Array(token.utf8),
          before: position + 1 < candidate.count ? Array(candidate[position + 1].utf8) : nil)
      }
      let count = content.map { self.count(of: $0.element) }.min() ?? 0
      let changes =
        candidate.filter { !original.contains($0) }.count + original.filter { !candidate.contains($0) }.count
      kept.append((candidate, count, changes))
    }
    // Commonest spelling first; among equals, the one closest to what was typed.
    kept.sort {
      ($1.count, $0.changes) < ($0.count, $1.changes)
        || (($0.count, $0.changes) == ($1.count, $1.changes)
          && $0.tokens.lexicographicallyPrecedes($1.tokens))
    }
    return kept.prefix(limit).map(\.tokens)
  }

  /// Ways to write token `index` of `words`: itself and its variants; for an article, none
  /// or another article; for a token that starts with an assimilated article (ezzor), the
  /// article split off; for a token that two vocabulary terms make up (numan), the two.
  private func options(forToken index: Int, of words: [[UInt8]]) -> [[String]] {
    let word = words[index]
    let term = String(decoding: word, as: UTF8.self)
    let next = index + 1 < words.count ? words[index + 1] : nil
    var options: [[String]] = [[term]]
    if words.count > 1, VariantForm.isArticle(word, before: next), let next {
      options.append([])
      for article in articles(before: next) where article != term { options.append([article]) }
      return options
    }
    for variant in variants(of: term).prefix(3) { options.append([variant]) }
    // ezzor → (al | ez |) zor
    if word.count >= 5, VariantForm.isVowelLetter(word[0]), !VariantForm.isVowelLetter(word[1]),
      word[1] == word[2]
    {
      let rest = Array(word.dropFirst(2))
      let restTerm = String(decoding: rest, as: UTF8.self)
      for base in [restTerm] + variants(of: restTerm).prefix(2) where positions[base] != nil {
        options.append([base])
        for article in articles(before: Array(base.utf8)) { options.append([article, base]) }
      }
    }
    // numan → nu man
    if word.count >= 5 {
      for cut in 2...(word.count - 2) {
        let left = String(decoding: word[..<cut], as: UTF8.self)
        let right = String(decoding: word[cut...], as: UTF8.self)
        if positions[left] != nil, positions[right] != nil { options.append([left, right]) }
      }
    }
    return options
  }

  /// Single terms that write two tokens as one: "ez zor" → ezzor, "al zor" → ezzor (the
  /// article assimilated), "nu man" → numan.
  private func joins(_ first: [UInt8], _ second: [UInt8]) -> [[String]] {
    var spellings = [first + second]
    if first.count == 2, first[1] == UInt8(ascii: "l"), let initial = second.first,
      !VariantForm.isVowelLetter(initial)
    {
      spellings.append([first[0], initial] + second)  // al + zor → azzor
    }
    var joined: [[String]] = []
    for spelling in spellings {
      guard let form = VariantForm(tokens: [spelling]), let group = groups[form.key] else { continue }
      for position in group {
        let term = entries[position].term
        if VariantForm(tokens: [Array(term.utf8)])?.agrees(with: form) ?? false, !joined.contains([term]) {
          joined.append([term])
        }
      }
    }
    return Array(joined.prefix(3))
  }

  /// The articles of the vocabulary that can stand before `word`: al, el, and the assimilated
  /// forms (ez before zor, ash before sham).
  private func articles(before word: [UInt8]) -> [String] {
    var result = ["al", "el"]
    let initial =
      word.starts(with: Array("sh".utf8)) ? "sh" : word.first.map { String(UnicodeScalar($0)) } ?? ""
    if VariantForm.isArticle(Array(("a" + initial).utf8), before: word) {
      result += ["a" + initial, "e" + initial]
    }
    return result.filter { positions[$0] != nil }
  }

  /// "Did you mean" for a word with no or few hits: vocabulary terms close to it in spelling
  /// and clearly more common, best first, at most `limit`.
  ///
  /// Spelling variants come first; then terms within a Damerau–Levenshtein distance of 1 (for
  /// 4–7 letters) or 2 (8 or more) that start with the same letter, have at least
  /// `minimumCount` documents and at least three times the word's own count, ordered by
  /// distance, then count. Words under four letters get nothing: too many neighbours.
  public func suggestions(for token: String, limit: Int = 3, minimumCount: Int = 2) -> [String] {
    let bytes = VariantKey.foldedBytes(token)
    guard bytes.count >= VariantForm.minimumLetters, bytes.count <= 128 else { return [] }
    let term = String(decoding: bytes, as: UTF8.self)
    let floor = max(minimumCount, 3 * count(of: term))
    var result = variants(of: term).filter { count(of: $0) >= floor }
    guard result.count < limit else { return Array(result.prefix(limit)) }
    let maximum = bytes.count < 8 ? 1 : 2  // two edits at 6 letters reach greece → green, greener
    var near: [(term: String, distance: Int, count: Int)] = []
    for entry in entries where entry.count >= floor && entry.term != term {
      let other = entry.term.utf8
      guard abs(other.count - bytes.count) <= maximum, other.first == bytes.first,
        let distance = SpellingVariants.distance(bytes, Array(other), atMost: maximum)
      else { continue }
      near.append((entry.term, distance, entry.count))
    }
    near.sort { ($0.distance, -$0.count, $0.term) < ($1.distance, -$1.count, $1.term) }
    for candidate in near where !result.contains(candidate.term) {
      result.append(candidate.term)
      if result.count == limit { break }
    }
    return result
  }

  /// Optimal-string-alignment distance (an adjacent swap costs 1), or nil when over `bound`.
  static func distance(_ a: [UInt8], _ b: [UInt8], atMost bound: Int) -> Int? {
    if abs(a.count - b.count) > bound { return nil }
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      var rowMinimum = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        var value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { value = min(value, before[j - 2] + 1) }
        current[j] = value
        rowMinimum = min(rowMinimum, value)
      }
      if rowMinimum > bound { return nil }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count] <= bound ? previous[b.count] : nil
  }
}
