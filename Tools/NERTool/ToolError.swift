/// Errors reported to the user by NERTool.
enum ToolError: Error, CustomStringConvertible {
  case usage(String)
  var description: String {
    switch self {
    case .usage(let text): "usage: NERTool \(text)"
    }
  }
}
