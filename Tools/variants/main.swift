// A tiny driver around Sources/NewsSearch/SpellingVariants.swift (and the key it uses,
// Sources/NewsModel/VariantKey.swift) for Tools/variants/evaluate.py. Built with swiftc from the
// three files alone (no package target), so the evaluation runs exactly the code the library ships:
//
//   swiftc -O -package-name NewsIndex Sources/NewsModel/VariantKey.swift \
//     Sources/NewsSearch/SpellingVariants.swift Tools/variants/main.swift -o variants-eval
//
// variants-eval pairs VOCAB [NAMES] [MIN_COUNT]
//   VOCAB: "term<TAB>count" lines (fts5vocab rows); NAMES: one name term a line, or "-" for
//   none. Prints every variant pair "a<TAB>b" (a < b) among terms with at least MIN_COUNT
//   documents (default 1), then "# built N terms in S s" on standard error.
// variants-eval show VOCAB NAMES|- TOKEN...
//   prints the variants and did-you-mean suggestions of each token, then the phrase variants
//   of all the tokens together
// variants-eval key TOKEN...      prints each token's key
// variants-eval phrase TOKEN...   prints the phrase key
// variants-eval bench VOCAB N     builds the map over the vocabulary padded to N terms, 5 times

import Foundation

func readVocabulary(_ path: String) -> [(term: String, count: Int)] {
  guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
    FileHandle.standardError.write("cannot read \(path)\n".data(using: .utf8)!)
    exit(2)
  }
  return text.split(separator: "\n").compactMap { line in
    let fields = line.split(separator: "\t")
    guard fields.count >= 2, let count = Int(fields[1]) else { return nil }
    return (String(fields[0]), count)
  }
}

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

let arguments = Array(CommandLine.arguments.dropFirst())
switch arguments.first {
case "pairs" where arguments.count >= 2:
  let vocabulary = readVocabulary(arguments[1])
  let namesPath = arguments.count >= 3 ? arguments[2] : "-"
  let minimum = arguments.count >= 4 ? Int(arguments[3]) ?? 1 : 1
  var variants: SpellingVariants!
  let time = seconds {
    if namesPath == "-" {
      variants = SpellingVariants(vocabulary: vocabulary)
    } else {
      let names =
        (try? String(contentsOfFile: namesPath, encoding: .utf8))?.split(separator: "\n").map(String.init)
        ?? []
      variants = SpellingVariants(vocabulary: vocabulary, names: names)
    }
  }
  var pairs = Set<[String]>()
  for (term, count) in vocabulary where count >= minimum {
    for other in variants.variants(of: term) where variants.count(of: other) >= minimum {
      pairs.insert(term < other ? [term, other] : [other, term])
    }
  }
  for pair in pairs.sorted(by: { $0.lexicographicallyPrecedes($1) }) { print(pair.joined(separator: "\t")) }
  FileHandle.standardError.write(
    "# built \(variants.termCount) terms in \(String(format: "%.3f", time)) s\n".data(using: .utf8)!)
case "show" where arguments.count >= 4:
  let vocabulary = readVocabulary(arguments[1])
  let variants =
    arguments[2] == "-"
    ? SpellingVariants(vocabulary: vocabulary)
    : SpellingVariants(
      vocabulary: vocabulary,
      names: (try? String(contentsOfFile: arguments[2], encoding: .utf8))?.split(separator: "\n").map(
        String.init) ?? [])
  let tokens = Array(arguments.dropFirst(3))
  for token in tokens {
    let found = variants.variants(of: token).map { "\($0) (\(variants.count(of: $0)))" }
    let suggested = variants.suggestions(for: token).map { "\($0) (\(variants.count(of: $0)))" }
    print(
      "\(token) (\(variants.count(of: token))) key \(VariantKey.of(token)): "
        + "variants [\(found.joined(separator: ", "))]; did you mean [\(suggested.joined(separator: ", "))]"
    )
  }
  if tokens.count > 1 {
    print("phrase \"\(tokens.joined(separator: " "))\" key \(VariantKey.ofPhrase(tokens)):")
    for phrase in variants.phraseVariants(of: tokens) { print("  \(phrase.joined(separator: " "))") }
  }
case "key":
  for token in arguments.dropFirst() { print("\(token)\t\(VariantKey.of(token))") }
case "phrase":
  print(VariantKey.ofPhrase(Array(arguments.dropFirst())))
case "bench" where arguments.count == 3:
  var vocabulary = readVocabulary(arguments[1])
  let target = Int(arguments[2]) ?? 100_000
  // Pad with made-up words built from real ones, so the keys are as varied as real words.
  var round = 0
  let base = vocabulary
  while vocabulary.count < target {
    round += 1
    for (term, count) in base where vocabulary.count < target {
      vocabulary.append(
        (term + String(UnicodeScalar(UInt8(97 + round % 26))) + term.prefix(round % 3), count))
    }
  }
  for _ in 0..<5 {
    var variants: SpellingVariants!
    let time = seconds { variants = SpellingVariants(vocabulary: vocabulary) }
    var found = 0
    let lookups = seconds {
      for (term, _) in vocabulary.prefix(10_000) { found += variants.variants(of: term).count }
    }
    print(
      "built \(variants.termCount) terms in \(String(format: "%.3f", time)) s; "
        + "10,000 lookups in \(String(format: "%.3f", lookups)) s (\(found) variants)"
    )
  }
default:
  FileHandle.standardError.write(
    ("usage: variants-eval pairs VOCAB [NAMES|-] [MIN_COUNT] | show VOCAB NAMES|- TOKEN... "
      + "| key TOKEN... | phrase TOKEN... | bench VOCAB N\n")
      .data(using: .utf8)!)
  exit(64)
}
