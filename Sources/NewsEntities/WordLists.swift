/// Closed word lists that features consult, keyed by word key (`FeatureExtractor.wordKey`).
package enum WordLists {
  /// Titles, ranks and roles that precede a person's name in news text.
  ///
  /// "Colonel Legrier", "Foreign Minister Sergey Lavrov", "Kremlin spokesman Dmitry Peskov":
  /// CoNLL leaves them outside the name, and a shared feature lets rare ones ("Brigadier")
  /// borrow what frequent ones ("President") taught the tagger.
  static let defaultTitles = [
    // Heads of state and government, royalty, nobility.
    "president", "president-elect", "vice", "premier", "chancellor", "king", "queen", "prince", "princess",
    "emir", "sheikh", "sultan", "crown", "lord", "lady", "sir", "dame", "baron", "count", "duke",
    // Ministers, officials, diplomats.
    "minister", "secretary", "deputy", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy",
    "senator", "sen.", "congressman", "congresswoman", "representative", "rep.", "governor", "gov.", "mayor",
    "commissioner", "chairman", "chairwoman", "chair", "director", "chief", "judge", "justice", "prosecutor",
    "attorney", "official", "officer", "adviser", "advisor", "negotiator", "mediator", "leader",
    // Military and police ranks.
    "general", "gen.", "lieutenant", "lt.", "colonel", "col.", "major", "maj.", "captain", "capt.",
    "commander", "cmdr.", "commandant", "admiral", "adm.", "brigadier", "marshal", "sergeant", "sgt.",
    "corporal", "private", "inspector", "superintendent", "constable",
    // Religion.
    "pope", "cardinal", "archbishop", "bishop", "rabbi", "imam", "ayatollah", "patriarch", "father",
    "reverend",
    "rev.",
    // Courtesy titles and professions.
    "mr.", "mrs.", "ms.", "dr.", "prof.", "professor", "mr", "mrs", "ms", "dr", "coach", "manager", "striker",
    "midfielder", "defender", "goalkeeper", "analyst", "economist", "correspondent",
  ]

  /// Function words that are almost never part of a name.
  ///
  /// A capitalized one between capitalized words marks title-case text ("French Officer Is
  /// Punished for Revealing Truth About US Role"), not a long name. Words that names do
  /// contain ("of", "the", "and", "for", "de", "May") are left out.
  static let defaultHeadlineFunctionWords = [
    "is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "might", "must", "not", "says", "said",
    "about", "after", "against", "among", "before", "between", "during", "into", "per", "since", "than",
    "through", "toward", "towards", "upon", "via", "with", "within", "without", "amid", "despite",
    "he", "she", "it", "they", "we", "you", "his", "her", "its", "their", "our", "your", "who", "what",
    "why", "how", "when", "where", "which", "this", "that", "these", "those", "if", "because", "but",
  ]

  static let titles = keys(defaultTitles)
  static let headlineFunctionWords = keys(defaultHeadlineFunctionWords)

  private static func keys(_ words: [String]) -> HashLookup {
    HashLookup(Dictionary(words.map { (FeatureExtractor.wordKey($0), UInt32(1)) }, uniquingKeysWith: max))
  }

  @inline(__always)
  package static func isTitle(_ word: UInt64) -> Bool { titles.value(for: word) != nil }

  @inline(__always)
  package static func isHeadlineFunctionWord(_ word: UInt64) -> Bool {
    headlineFunctionWords.value(for: word) != nil
  }
}
