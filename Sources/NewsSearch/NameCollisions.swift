import NewsModel
import NewsStore

/// Names that stemming merges with another name: porter gives "Hamas" (the group) and "Hama"
/// (the city) the one stem `hama`, so a search for either found both. Such a word, typed as a
/// unit of its own, is matched as typed instead (`PassageQuery.wordsAsTyped`): a passage that
/// has the stem only in the other name's form is left out, whatever else it matches.
///
/// Two names collide when the word's stem is a name in the archive's vocabulary (most of its
/// occurrences are inside entity mentions), and the archive's entities hold the word typed and
/// another one-word name of the same stem but another type (an organization and a place). Names of one type are taken
/// as forms of one name ("Kurd" and "Kurds", "Russian" and "Russians") and stay merged. An
/// archive indexed without entities has none to tell them apart.
struct NameCollisionFinder {
  struct Collision: Sendable, Equatable {
    /// The unit of the query that holds the word.
    var unit: Int
    /// The word as typed, and folded as `NameKey` folds it.
    var typed: String
    var folded: String
    /// The most mentioned other name of the stem.
    var otherName: String
  }

  let reader: ArchiveReader
  let stemmer: TermStemmer

  func collisions(in query: SearchQuery) throws(StoreError) -> [Collision] {
    var words: [(unit: Int, word: String)] = []
    for (index, unit) in query.units.enumerated() {
      if case .phrase(let tokens, let prefix) = unit, tokens.count == 1, !prefix { words.append((index, tokens[0])) }
    }
    guard !words.isEmpty, try reader.hasSpellingVocabulary() else { return [] }
    let stems = try stemmer.terms(of: words.map(\.word))
    // Only names: a word that is mostly not inside entity mentions ("indexing", which a tagger
    // may still have taken once for a name) keeps its stem.
    let names = Set(try reader.vocabulary(keys: [], terms: Set(stems)).filter(\.isName).map(\.term))
    var collisions: [Collision] = []
    var seen = Set<String>()
    for ((unit, word), stem) in zip(words, stems) where names.contains(stem) && seen.insert(NameKey.of(word)).inserted {
      // Letters only: a name with a dot or a digit ("Russia.As") is the tagger's slip.
      let candidates = try reader.oneWordEntityNames(keyPrefix: stem).filter { $0.name.allSatisfy(\.isLetter) }
      guard candidates.count > 1 else { continue }
      let candidateStems = try stemmer.terms(of: candidates.map(\.name))
      let sameStem = zip(candidates, candidateStems).filter { $0.1 == stem }.map(\.0)
      let folded = NameKey.of(word)
      let typedTypes = Set(sameStem.filter { $0.key == folded }.map(\.type))
      guard !typedTypes.isEmpty,
        let other = NameCollisionFinder.otherName(among: sameStem.filter { $0.key != folded }, notOfTypes: typedTypes)
      else { continue }
      collisions.append(Collision(unit: unit, typed: word, folded: folded, otherName: other))
    }
    return collisions
  }

  /// The most mentioned of `names` (rows of one-word entities: one per name and type) that
  /// is a name of its own: never tagged with one of `types`, and tagged with one type at
  /// least 90% of the time. A possessive whose apostrophe the source lost ("Syrias" for
  /// "Syria's") is tagged a bit of everything, a place among them, and is not one.
  static func otherName(
    among names: [(name: String, key: String, type: EntityType, mentions: Int)], notOfTypes types: Set<EntityType>
  ) -> String? {
    let byKey = Dictionary(grouping: names, by: \.key)
    let distinct = byKey.values.filter { rows in
      let total = rows.reduce(0) { $0 + $1.mentions }
      let largest = rows.map(\.mentions).max() ?? 0
      return rows.allSatisfy { !types.contains($0.type) } && total > 0 && Double(largest) >= 0.9 * Double(total)
    }
    return distinct.max { $0.reduce(0) { $0 + $1.mentions } < $1.reduce(0) { $0 + $1.mentions } }?
      .max { $0.mentions < $1.mentions }?.name
  }
}
