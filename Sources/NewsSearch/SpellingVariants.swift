import Foundation  // only to fold the rare token that is not ASCII

/// The spelling-variant key of a token: what is left of a transliterated name once the
/// choices that transliterators make differently are taken out.
///
/// "Idlib" and "Idleb" → `*dl*b`; "Deir ez-Zor", "Deir Ezzor" and "Deir al-Zour" → `d*rz*r`
/// (``ofPhrase(_:)``); "Raqqa", "Rakka" and "Raqqah" → `r*k`. Steps, on the lowercased,
/// diacritic-folded token:
///
/// 1. a final `h` after a vowel is dropped (Hamah, Hasakeh, Raqqah);
/// 2. consonant spellings of one Arabic letter become one symbol: `kh`, `ck` and `q` → `k`,
///    `gh` → `g`, `sh` and `ch` → `S`, `dh` → `z`, `ph` → `f`, `dj` → `j`;
/// 3. doubled letters count once (Assad/Asad, Raqqa/Raqa, Maarrat/Maarat);
/// 4. every run of vowels (`a e i o u y`, and `w` after a vowel before a consonant) becomes one
///    `*`, so the consonant skeleton and the places of the vowels remain;
/// 5. a vowel run at the very end is left out of the key, because porter stems cut final
///    vowels ("Kobane" is indexed as `koban`) and because news spells them freely
///    (Qamishli/Qamishlo).
///
/// The key groups candidates; it does not decide alone. ``SpellingVariants`` also compares the
/// vowels the key hides (Bashar/Bashir and Hassan/Hussein share keys but not vowels), and
/// refuses short words. A token that is not made of Latin letters (digits, other scripts)
/// gets a key of its own that starts with `=`, so it groups with nothing else.
public enum VariantKey {
  public static func of(_ token: String) -> String {
    let bytes = foldedBytes(token)
    guard let form = VariantForm(tokens: [bytes]) else { return "=" + String(decoding: bytes, as: UTF8.self) }
    return form.key
  }

  /// The key of a multi-token name, as the index tokenizes it ("Deir ez-Zor" → deir, ez, zor).
  ///
  /// Tokens count as one word: articles (`al`, `el`, and `ez`, `ash`, `ar`… when the next token
  /// starts with the same consonant, as Arabic writes them) are left out, and so are the
  /// vowels that start a token after the first; then the tokens are joined. So "Deir Ezzor",
  /// "Deir ez-Zor", "Deir al-Zor" and "Deir Zour" share a key, and so do "Maarrat al-Nu’man"
  /// (maarrat, al, nu, man) and "Maarat al-Numan" (maarat, al, numan).
  public static func ofPhrase(_ tokens: some Sequence<String>) -> String {
    let words = tokens.map(foldedBytes)
    guard let form = VariantForm(tokens: words) else {
      return "=" + words.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
    }
    return form.key
  }

  /// Lowercase ASCII bytes; other tokens are folded as FTS5's `remove_diacritics 2` does.
  static func foldedBytes(_ token: String) -> [UInt8] {
    if token.utf8.allSatisfy({ $0 < 0x80 }) {
      return token.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }
    let folded = token.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    var bytes: [UInt8] = []
    for scalar in folded.unicodeScalars {
      switch scalar {
      case "ı": bytes.append(UInt8(ascii: "i"))  // letters with no decomposition
      case "ł": bytes.append(UInt8(ascii: "l"))
      case "ø": bytes.append(UInt8(ascii: "o"))
      case "đ": bytes.append(UInt8(ascii: "d"))
      case "ß": bytes.append(contentsOf: [UInt8(ascii: "s"), UInt8(ascii: "s")])
      default: bytes.append(contentsOf: String(scalar).lowercased().utf8)
      }
    }
    return bytes
  }
}

/// A token (or the tokens of a name) analysed for variant matching: its symbols (consonants
/// as letters, `S` for sh; vowel sounds as ``Vowel`` codes), its key, and what the guards need.
struct VariantForm {
  /// Vowel sounds.
  ///
  /// `e` is written for both the Arabic a (Fateh/Fatah) and i (Idleb/Idlib), so it matches
  /// either; `o` and `u`, `ou`, `oo` are one sound, so are `i`, `y`, `ee`.
  enum Vowel {
    static let a: UInt8 = 1
    static let e: UInt8 = 2
    static let i: UInt8 = 3
    static let u: UInt8 = 4
  }

  /// Fewer letters than this and a token has no variants: short words differ by one letter
  /// from too many others.
  static let minimumLetters = 4
  /// A token needs a consonant (al-Fu'ah is spelled Foua, Fuaa, Fouaa, Foaa).
  static let minimumConsonants = 1
  /// From this many consonants on, a final vowel may differ (Qamishli/Qamishlo, Kobani/Kobane).
  static let freeFinalVowelConsonants = 3

  let symbols: [UInt8]
  let key: String
  let consonants: Int
  let letters: Int

  /// nil when the tokens are not all Latin letters, or too short to have variants.
  init?(tokens: [[UInt8]]) {
    var symbols: [UInt8] = []
    var letters = 0
    var first = true
    for (index, token) in tokens.enumerated() {
      guard !token.isEmpty, token.allSatisfy({ $0 >= 0x61 && $0 <= 0x7A }) else { return nil }
      if tokens.count > 1,
        VariantForm.isArticle(token, before: index + 1 < tokens.count ? tokens[index + 1] : nil)
      {
        continue
      }
      letters += token.count
      VariantForm.appendSymbols(of: token, to: &symbols, dropLeadingVowels: !first)
      first = false
    }
    guard letters >= VariantForm.minimumLetters else { return nil }
    var key: [UInt8] = []
    key.reserveCapacity(symbols.count)
    var consonants = 0
    for symbol in symbols {
      if symbol <= Vowel.u {
        if key.last != UInt8(ascii: "*") { key.append(UInt8(ascii: "*")) }
      } else {
        key.append(symbol)
        consonants += 1
      }
    }
    if key.last == UInt8(ascii: "*") { key.removeLast() }
    guard consonants >= VariantForm.minimumConsonants else { return nil }
    self.symbols = symbols
    self.key = String(decoding: key, as: UTF8.self)
    self.consonants = consonants
    self.letters = letters
  }

  static func isVowelLetter(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"),
      UInt8(ascii: "y"):
      return true
    default: return false
    }
  }

  /// `al`, `el`, `il`, `ul` anywhere; `ez`, `ash`, `ar`, `an`… (an article assimilated to the
  /// next consonant) only when the next token starts with that consonant: "ez zor", "ash sham",
  /// "ar raqqa", but not "at dawn".
  static func isArticle(_ token: [UInt8], before next: [UInt8]?) -> Bool {
    guard token.count >= 2, token.count <= 3, let next, !next.isEmpty else { return false }
    let vowel = token[0]
    guard
      vowel == UInt8(ascii: "a") || vowel == UInt8(ascii: "e") || vowel == UInt8(ascii: "i")
        || vowel == UInt8(ascii: "u")
    else { return false }
    let consonant = token.dropFirst()
    if consonant.elementsEqual([UInt8(ascii: "l")]) { return true }
    let sun: [[UInt8]] = ["t", "th", "d", "dh", "r", "z", "s", "sh", "n"].map { Array($0.utf8) }
    return sun.contains { $0.elementsEqual(consonant) } && next.starts(with: consonant)
  }

  /// Appends the symbols of one lowercase ASCII token, counting a doubled symbol once.
  static func appendSymbols(of token: [UInt8], to symbols: inout [UInt8], dropLeadingVowels: Bool) {
    let h = UInt8(ascii: "h")
    var end = token.count
    if end > 2, token[end - 1] == h, isVowelLetter(token[end - 2]) { end -= 1 }  // Hamah, Hasakeh
    let start = symbols.count
    var index = 0
    while index < end {
      let byte = token[index]
      let next: UInt8 = index + 1 < end ? token[index + 1] : 0
      var symbol: UInt8
      var width = 1
      switch byte {
      case UInt8(ascii: "k") where next == h, UInt8(ascii: "c") where next == UInt8(ascii: "k"):
        symbol = UInt8(ascii: "k"); width = 2
      case UInt8(ascii: "q"): symbol = UInt8(ascii: "k")
      case UInt8(ascii: "g") where next == h: symbol = UInt8(ascii: "g"); width = 2
      case UInt8(ascii: "s") where next == h, UInt8(ascii: "c") where next == h:
        symbol = UInt8(ascii: "S"); width = 2
      case UInt8(ascii: "d") where next == h: symbol = UInt8(ascii: "z"); width = 2
      case UInt8(ascii: "p") where next == h: symbol = UInt8(ascii: "f"); width = 2
      case UInt8(ascii: "d") where next == UInt8(ascii: "j"): symbol = UInt8(ascii: "j"); width = 2
      case UInt8(ascii: "o") where next == UInt8(ascii: "u") || next == UInt8(ascii: "o"):
        symbol = Vowel.u; width = 2
      case UInt8(ascii: "e") where next == UInt8(ascii: "e"): symbol = Vowel.i; width = 2
      case UInt8(ascii: "a"): symbol = Vowel.a
      case UInt8(ascii: "e"): symbol = Vowel.e
      case UInt8(ascii: "i"), UInt8(ascii: "y"): symbol = Vowel.i
      case UInt8(ascii: "o"), UInt8(ascii: "u"): symbol = Vowel.u
      case UInt8(ascii: "w"):
        // Tawhid/Tauhid: after a vowel and before a consonant, w is a vowel.
        let afterVowel = symbols.count > start && symbols[symbols.count - 1] <= Vowel.u
        symbol = afterVowel && !isVowelLetter(next) ? Vowel.u : byte
      default: symbol = byte
      }
      index += width
      if dropLeadingVowels && symbols.count == start && symbol <= Vowel.u { continue }
      if symbols.last != symbol { symbols.append(symbol) }
    }
  }

  /// The vowel runs between consonants; `leading` and `trailing` say whether the first run
  /// starts the word and the last one ends it.
  var vowelRuns: (runs: [ArraySlice<UInt8>], leading: Bool, trailing: Bool) {
    var runs: [ArraySlice<UInt8>] = []
    var runStart: Int?
    for (index, symbol) in symbols.enumerated() {
      if symbol <= Vowel.u {
        if runStart == nil { runStart = index }
      } else if let start = runStart {
        runs.append(symbols[start..<index])
        runStart = nil
      }
    }
    if let start = runStart { runs.append(symbols[start...]) }
    return (runs, symbols.first.map { $0 <= Vowel.u } ?? false, symbols.last.map { $0 <= Vowel.u } ?? false)
  }

  /// Whether two forms with the same key are spellings of one word: each vowel run agrees with
  /// the other's (see ``runsAgree(_:_:anySound:)``); a final run may differ when the skeleton is long.
  func agrees(with other: VariantForm) -> Bool {
    guard key == other.key else { return false }
    let mine = vowelRuns
    let theirs = other.vowelRuns
    let freeFinal = consonants >= VariantForm.freeFinalVowelConsonants
    var myRuns = mine.runs[...]
    var theirRuns = theirs.runs[...]
    let myFinal = mine.trailing ? myRuns.popLast() : nil
    let theirFinal = theirs.trailing ? theirRuns.popLast() : nil
    switch (myFinal, theirFinal) {
    case (nil, nil): break
    case (let final?, nil), (nil, let final?):
      // Porter drops a final e (Kobane → koban); any other final vowel is a different word
      // (Israel/Israeli, Pakistan/Pakistani, Halab/Halabi).
      guard freeFinal, final.elementsEqual([Vowel.e]) else { return false }
    case (let a?, let b?):
      // A long word may end in any vowel (Qamishli/Qamishlo), as long as the ending has as
      // many sounds: Salama/Salamiyah (a / i-a) are two places.
      guard VariantForm.runsAgree(a, b, anySound: freeFinal) else { return false }
    }
    // Same key, so the same number of inner runs, in the same places.
    return zip(myRuns, theirRuns).allSatisfy { VariantForm.runsAgree($0, $1) }
  }

  /// Whether two vowel runs can be one spelled two ways.
  ///
  /// Runs agree sound by sound: equal sounds, or `e` against `a` or `i`; a weak sound
  /// (``isWeak(_:)``) may also be missing on one side (Daesh/Daish: a-e/a-i;
  /// Sheikhoun/Shaykhun: e-i/a-i, ou/u; Ashrafeya/Ashrafiyeh: e-i-a/i-e).
  /// Bashar/Bashir (a/i) and Hassan/Hussein (a/u) do not agree.
  /// With `anySound`, any two sounds agree, but an unmatched sound must still be an `e`.
  static func runsAgree(_ a: ArraySlice<UInt8>, _ b: ArraySlice<UInt8>, anySound: Bool = false) -> Bool {
    guard let x = a.first else { return b.allSatisfy { $0 == Vowel.e } }
    guard let y = b.first else { return a.allSatisfy { $0 == Vowel.e } }
    if (anySound || soundsAgree(x, y)) && runsAgree(a.dropFirst(), b.dropFirst(), anySound: anySound) {
      return true
    }
    if VariantForm.isWeak(a) && runsAgree(a.dropFirst(), b, anySound: anySound) { return true }
    if VariantForm.isWeak(b) && runsAgree(a, b.dropFirst(), anySound: anySound) { return true }
    return false
  }

  /// A sound that may be missing from the other spelling: an `e`, or the `a` of a diphthong
  /// before `i` (Sulaymaniyah/Sulimaniah, Husayn/Husin).
  static func isWeak(_ run: ArraySlice<UInt8>) -> Bool {
    guard let first = run.first else { return false }
    return first == Vowel.e || (first == Vowel.a && run.dropFirst().first == Vowel.i)
  }

  static func soundsAgree(_ x: UInt8, _ y: UInt8) -> Bool {
    if x == y { return true }
    if x == Vowel.e { return y == Vowel.a || y == Vowel.i }
    if y == Vowel.e { return x == Vowel.a || x == Vowel.i }
    return false
  }
}

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
