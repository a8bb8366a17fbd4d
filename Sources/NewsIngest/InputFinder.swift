import Foundation

/// Expands the paths given on the command line into the files to read, in a stable order.
///
/// Folders are walked recursively and sorted by name, so that two runs over the same folder
/// load articles in the same order. Hidden files and folders (`.git`, `.DS_Store`) are left out.
enum InputFinder {
  static func files(at path: String, issues: inout [IngestIssue]) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      issues.append(IngestIssue(location: path, message: "does not exist; skipped"))
      return []
    }
    guard isDirectory.boolValue else { return [path] }
    var files: [String] = []
    walk(folder: path, into: &files, issues: &issues, visited: [])
    return files
  }

  private static func walk(
    folder: String, into files: inout [String], issues: inout [IngestIssue], visited: Set<String>
  ) {
    let resolved = (folder as NSString).resolvingSymlinksInPath
    guard !visited.contains(resolved) else {
      issues.append(IngestIssue(location: folder, message: "is a symbolic link loop; skipped"))
      return
    }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      issues.append(IngestIssue(location: folder, message: "cannot be listed (permissions?); skipped"))
      return
    }
    for name in names where !name.hasPrefix(".") {
      let child = (folder as NSString).appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: child, isDirectory: &isDirectory) else {
        issues.append(IngestIssue(location: child, message: "is a broken symbolic link; skipped"))
        continue
      }
      if isDirectory.boolValue {
        walk(folder: child, into: &files, issues: &issues, visited: visited.union([resolved]))
      } else {
        files.append(child)
      }
    }
  }
}
