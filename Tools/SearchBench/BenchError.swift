/// Errors reported to the user by SearchBench.
enum BenchError: Error, CustomStringConvertible {
  case usage(String)
  case unreadable(path: String)
  case badLine(location: String, reason: String)
  /// An `--entity` name the index does not resolve to one entity (the CLI would exit 64).
  case entity(name: String, reason: String)

  var description: String {
    switch self {
    case .usage(let text): "usage: SearchBench \(text)"
    case .unreadable(let path): "cannot read the query file \(path); check the path"
    case .badLine(let location, let reason): "\(location): \(reason)"
    case .entity(let name, let reason): "--entity '\(name)': \(reason)"
    }
  }
}
