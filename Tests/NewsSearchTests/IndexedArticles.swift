import NewsIngest
import NewsStore
import NewsTestSupport

/// A small collection for a test: articles given as (id, title, text).
typealias TestArticle = (id: String, title: String, text: String)

/// An archive in memory holding `articles`, indexed from a JSON Lines file as `newsindex
/// index` would, with entities tagged by the bundled model when `entities` is true.
func indexedArchive(of articles: [TestArticle], entities: Bool = false) throws -> Archive {
  let folder = try TemporaryFolder()
  let path = try folder.writeJSONLines(
    "articles.jsonl", articles.map { ["id": $0.id, "title": $0.title, "text": $0.text] })
  let archive = try Archive.inMemory()
  let options = IngestPipeline.Options(annotator: entities ? try EntityAnnotator.bundled() : nil)
  _ = try IngestPipeline(writer: archive.makeWriter(), options: options).run(paths: [path])
  return archive
}
