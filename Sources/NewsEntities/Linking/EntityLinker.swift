import NewsModel

/// Turns the tagger's spans in one article into mentions of canonical entities.
///
/// In order, a mention's canonical name comes from:
/// 1. the ``CanonicalNameTable`` (shipped list plus `--aliases`): "Daesh" → "ISIS";
/// 2. an acronym the article defines: "Syrian Arab Army (SAA)" makes "SAA" mean it, here and,
///    through the aliases it reports, in every other article;
/// 3. for a person named by surname alone ("Legrier"), the full name used elsewhere in the
///    article ("Francois-Regis Legrier");
/// 4. the mention itself. Across articles the store joins mentions whose names have the same
///    ``NameKey`` and type.
/// Ranks and titles before a person's name ("Colonel", "Foreign Minister") are left out of the mention.
public struct EntityLinker: Sendable {
  /// Words of rank or office that precede a name without being part of it.
  static let titleWords: Set<String> = [
    "mr", "mrs", "ms", "dr", "sir", "colonel", "col", "general", "gen", "lieutenant", "lt",
    "major", "maj", "captain", "capt", "sergeant", "sgt", "admiral", "adm", "brigadier", "commander",
    "president", "prime", "minister", "foreign", "defence", "defense", "secretary", "spokesman",
    "spokeswoman", "sheikh", "king", "queen", "prince", "emir", "ambassador", "envoy", "senator",
    "sen", "rep", "governor", "gov", "mayor", "chairman", "chancellor", "pope", "judge", "prof",
    "professor", "vice", "deputy", "chief", "kremlin", "state", "special", "un", "u.n.",
  ]

  public var names: CanonicalNameTable

  public init(names: CanonicalNameTable) {
    self.names = names
  }

  /// A tagged span inside one passage: code-point offsets into that passage.
  public struct Span: Sendable, Equatable {
    public var passage: Int
    public var start: Int
    public var end: Int
    public var type: EntityType
    public init(passage: Int, start: Int, end: Int, type: EntityType) {
      self.passage = passage
      self.start = start
      self.end = end
      self.type = type
    }
  }

  public func link(passages: [String], spans: [Span]) -> (mentions: [EntityMention], aliases: [EntityAlias]) {
    let scalarsByPassage = passages.map { Array($0.unicodeScalars) }
    func text(_ passage: Int, _ range: Range<Int>) -> String {
      EntityLinker.string(scalarsByPassage[passage][range])
    }

    // Mentions as written, persons without their titles.
    var written: [(span: Span, surface: String)] = []
    for var span in spans {
      guard span.passage < scalarsByPassage.count, span.start < span.end,
        span.end <= scalarsByPassage[span.passage].count
      else { continue }
      // Names end with a capitalized word: "Idlib de-escalation zone" names Idlib.
      span.end = endWithoutLowercaseTail(scalarsByPassage[span.passage], span.start, span.end)
      // A rank or office before a name makes it a person ("Colonel Legrier"), whatever the tagger said.
      let afterTitles = startAfterTitles(scalarsByPassage[span.passage], span.start, span.end)
      if afterTitles > span.start, span.type == .person || startsWithRank(scalarsByPassage[span.passage], span.start) {
        span.start = afterTitles
        span.type = .person
      }
      written.append((span, text(span.passage, span.start..<span.end)))
    }

    // Acronyms defined in the article: "Long Name (ACR)".
    var definitions: [String: (name: String, type: EntityType)] = [:]
    var aliases: [EntityAlias] = []
    for (span, surface) in written {
      guard let acronym = acronymDefined(after: span, in: scalarsByPassage[span.passage]),
        EntityLinker.initialsMatch(acronym, surface)
      else { continue }
      let target = names.canonical(for: surface, type: span.type) ?? (surface, span.type)
      definitions[NameKey.of(acronym)] = target
      aliases.append(EntityAlias(alias: acronym, name: target.name, type: target.type, isDefinition: true))
    }

    // Full person names, by surname, for surname-only mentions.
    var fullNames: [String: String] = [:]
    for (span, surface) in written where span.type == .person {
      let parts = surface.split(separator: " ")
      guard parts.count >= 2, let last = parts.last else { continue }
      let surnameKey = NameKey.of(String(last))
      if fullNames[surnameKey] == nil {
        fullNames[surnameKey] = names.canonical(for: surface, type: .person)?.name ?? surface
      }
    }

    var mentions: [EntityMention] = []
    var seenAliases = Set<EntityAlias>(aliases)
    for (span, surface) in written {
      let key = NameKey.of(surface)
      var canonical: (name: String, type: EntityType)
      if let listed = names.canonical(forKey: key, type: span.type) {
        canonical = listed
      } else if let defined = definitions[key] {
        canonical = defined
      } else if span.type == .person, !surface.contains(" "), let full = fullNames[key] {
        canonical = (full, .person)
      } else {
        canonical = (surface, span.type)
      }
      mentions.append(
        EntityMention(passage: span.passage, start: span.start, end: span.end, name: canonical.name, type: canonical.type))
      // Most mentions keep their own name, whose key is the one just computed (bytes are
      // compared: equal strings in another normal form may have another key).
      if !canonical.name.utf8.elementsEqual(surface.utf8), NameKey.of(canonical.name) != key {
        let alias = EntityAlias(alias: surface, name: canonical.name, type: canonical.type, isDefinition: false)
        if definitions[key] == nil, seenAliases.insert(alias).inserted { aliases.append(alias) }
      }
    }
    return (mentions, aliases)
  }

  /// Ranks and forms of address that only ever precede a person's name.
  static let rankWords: Set<String> = [
    "mr", "mrs", "ms", "dr", "colonel", "col", "general", "gen", "lieutenant", "lt", "major", "maj",
    "captain", "capt", "sergeant", "sgt", "admiral", "adm", "brigadier", "sheikh", "president",
    "minister", "spokesman", "spokeswoman", "senator", "sen", "ambassador", "envoy",
  ]

  /// The span's end without trailing words that have no capital letter ("de-escalation",
  /// "zone"; "al-Sham" stays), keeping the first word.
  private func endWithoutLowercaseTail(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
    var end = end
    while true {
      var wordStart = end
      while wordStart > start, scalars[wordStart - 1] != " " { wordStart -= 1 }
      guard wordStart > start,
        scalars[wordStart..<end].contains(where: { $0.properties.isLowercase }),
        !scalars[wordStart..<end].contains(where: { $0.properties.isUppercase || $0.properties.numericType != nil })
      else { return end }
      end = wordStart - 1
      while end > start, scalars[end - 1] == " " { end -= 1 }
    }
  }

  private func startsWithRank(_ scalars: [Unicode.Scalar], _ start: Int) -> Bool {
    var end = start
    while end < scalars.count, scalars[end] != " " { end += 1 }
    var word = EntityLinker.string(scalars[start..<end]).lowercased()
    if word.hasSuffix(".") { word.removeLast() }
    return EntityLinker.rankWords.contains(word)
  }

  /// Skips leading title words ("Foreign Minister Sergey Lavrov" → "Sergey Lavrov"), keeping
  /// at least one word.
  private func startAfterTitles(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> Int {
    var position = start
    while position < end {
      var wordEnd = position
      while wordEnd < end, scalars[wordEnd] != " " { wordEnd += 1 }
      guard wordEnd < end else { break }
      let word = EntityLinker.string(scalars[position..<wordEnd]).lowercased()
      let bare = word.hasSuffix(".") ? String(word.dropLast()) : word
      guard EntityLinker.titleWords.contains(bare) || EntityLinker.titleWords.contains(word) else { break }
      position = wordEnd + 1
    }
    return position
  }

  /// The text of a run of scalars.
  ///
  /// Most runs are ASCII, and those are copied as bytes: appending scalar by scalar to a
  /// `String.UnicodeScalarView` costs several times more.
  static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
    guard scalars.allSatisfy(\.isASCII) else { return String(String.UnicodeScalarView(scalars)) }
    return String(unsafeUninitializedCapacity: scalars.count) { bytes in
      for (offset, scalar) in zip(0..., scalars) { bytes[offset] = UInt8(truncatingIfNeeded: scalar.value) }
      return scalars.count
    }
  }

  /// The acronym in parentheses right after the span: " (SAA)".
  private func acronymDefined(after span: Span, in scalars: [Unicode.Scalar]) -> String? {
    var index = span.end
    while index < scalars.count, scalars[index] == " " { index += 1 }
    guard index < scalars.count, scalars[index] == "(" else { return nil }
    var end = index + 1
    while end < scalars.count, end - index <= 8, scalars[end] != ")" { end += 1 }
    guard end < scalars.count, scalars[end] == ")" else { return nil }
    let inner = EntityLinker.string(scalars[(index + 1)..<end])
    let letters = inner.filter { $0 != "." }
    guard (2...6).contains(letters.count), letters.allSatisfy({ $0.isUppercase }) else { return nil }
    return inner
  }

  /// True when the acronym's letters are the initials of the name's significant words,
  /// "al-Sham" counting as "Sham" ("Hayat Tahrir al-Sham" → HTS).
  static func initialsMatch(_ acronym: String, _ name: String) -> Bool {
    let letters = acronym.filter { $0 != "." }.uppercased()
    let minor: Set<String> = ["of", "and", "the", "for", "in", "on", "de", "du", "des", "la", "le"]
    var initials = ""
    var allInitials = ""
    for word in name.split(whereSeparator: { $0 == " " }) {
      var part = Substring(word)
      for particle in ["al-", "el-", "ad-", "as-", "ash-", "ar-", "at-", "az-", "an-"] where part.lowercased().hasPrefix(particle) {
        part = part.dropFirst(particle.count)
      }
      guard let first = part.first else { continue }
      allInitials.append(first)
      if !minor.contains(part.lowercased()) { initials.append(first) }
      // Hyphenated parts inside a word count too ("Francois-Regis").
      for (offset, character) in part.enumerated() where character == "-" {
        let next = part.dropFirst(offset + 1).first
        if let next, next.isUppercase { initials.append(next) }
      }
    }
    return initials.uppercased() == letters || allInitials.uppercased() == letters
  }
}
