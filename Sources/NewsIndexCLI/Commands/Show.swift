import ArgumentParser
import Foundation
import NewsStore

extension NewsIndex {
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print an article with numbered paragraphs.",
      discussion: "ARTICLE_ID is the id search prints; a unique prefix of it is enough.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The article's id, as search prints it.")
    var articleID: String

    func run() throws {
      let article: StoredArticle
      do {
        let reader = try Archive.openForReading(path: database.path).makeReader()
        if let found = try reader.article(withID: articleID) {
          article = found
        } else {
          let candidates = try reader.articleIDs(startingWith: articleID)
          if candidates.count == 1, let found = try reader.article(withID: candidates[0]) {
            article = found
          } else if candidates.isEmpty {
            printError("no article has the id '\(articleID)'; search prints ids after the date and source")
            throw ExitCode.failure
          } else {
            printError(
              "'\(articleID)' could be any of: \(candidates.joined(separator: ", ")); type more of the id")
            throw ExitCode.failure
          }
        }
      } catch let error as StoreError {
        throw fail(error, verbose: database.verbose)
      }
      let formatter = ResultFormatter(color: Terminal.usesColor, width: Terminal.width)
      print(formatter.bold(article.title))
      var facts = [article.date ?? "undated"]
      if let source = article.source { facts.append(source) }
      facts.append("id \(article.id)")
      if let sourceID = article.sourceID, sourceID != article.id { facts.append("source id \(sourceID)") }
      print(formatter.dim(facts.joined(separator: " · ")))
      print(formatter.dim(article.url ?? article.location))
      for (number, paragraph) in article.paragraphs.enumerated() {
        print("\n" + formatter.dim("¶\(number)"))
        print(formatter.wrap(paragraph, matches: []))
      }
    }
  }
}
