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
/// The key groups candidates; it does not decide alone. `SpellingVariants` (NewsSearch) also compares the
/// vowels the key hides (Bashar/Bashir and Hassan/Hussein share keys but not vowels), and
/// refuses short words. A token that is not made of Latin letters (digits, other scripts)
/// gets a key of its own that starts with `=`, so it groups with nothing else.
///
/// It lives here, beside ``NameKey``, because the store keys its vocabulary table with it
/// (`spellingKey`) and the search reads that table by key.
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
  package static func foldedBytes(_ token: String) -> [UInt8] {
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
package struct VariantForm: Sendable {
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
  package static let minimumLetters = 4
  /// A token needs a consonant (al-Fu'ah is spelled Foua, Fuaa, Fouaa, Foaa).
  static let minimumConsonants = 1
  /// From this many consonants on, a final vowel may differ (Qamishli/Qamishlo, Kobani/Kobane).
  static let freeFinalVowelConsonants = 3

  package let symbols: [UInt8]
  package let key: String
  package let consonants: Int
  package let letters: Int

  /// nil when the tokens are not all Latin letters, or too short to have variants.
  package init?(tokens: [[UInt8]]) {
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

  package static func isVowelLetter(_ byte: UInt8) -> Bool {
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
  package static func isArticle(_ token: [UInt8], before next: [UInt8]?) -> Bool {
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
  package func agrees(with other: VariantForm) -> Bool {
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
