import NewsTestSupport
import Testing

extension TemporaryFolder {
  /// Writes each article as a text file under `in/` (title, blank line, text) and indexes the
  /// folder into `db` with `newsindex index`, plus `options`.
  func indexArticles(_ articles: [(file: String, title: String, text: String)], into db: String, options: [String] = [])
    throws
  {
    for article in articles { try write("in/" + article.file, article.title + "\n\n" + article.text + "\n") }
    let index = try Run(["index", "--db", db] + options + [url.appendingPathComponent("in").path])
    #expect(index.status == 0, "\(index.error)")
  }
}
