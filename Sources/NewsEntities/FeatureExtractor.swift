/// Turns a tokenized document into hashed feature indices.
///
/// Every feature is a template id mixed with a value hash and cut to `bits` bits, so the
/// weight tables have a fixed size. Each token gets `staticCount` features that depend only on the text (laid out token after
/// token); both passes read them, each with its own weights. The second pass adds
/// `documentCount` features per token from the first pass's tags (`extractDocumentFeatures`),
/// and the decoder adds `historyCount` features from the tags it has just predicted.
package struct FeatureExtractor: Sendable {
  /// Cluster path prefix lengths used as features (Brown-style coarse-to-fine groups).
  static let defaultClusterPrefixes = (4, 6, 10, 24)
  static let baseCount = 29
  static let capitalizationCount = 2
  static let clusterCount = 8
  static let gazetteerCount = 4
  static let titleCount = 2
  package static let documentCount = 6
  package static let historyCount = 4

  package let bits: Int
  /// The static feature groups (`.document` is not one: see `documentCount`).
  package let featureSet: FeatureSet
  package let staticCount: Int
  private let shift: UInt64

  package init(bits: Int, featureSet: FeatureSet) {
    self.bits = bits
    self.featureSet = featureSet.subtracting(.document)
    shift = UInt64(64 - bits)
    var count = Self.baseCount
    if featureSet.contains(.capitalization) { count += Self.capitalizationCount }
    if featureSet.contains(.clusters) { count += Self.clusterCount }
    if featureSet.contains(.gazetteer) { count += Self.gazetteerCount }
    if featureSet.contains(.titles) { count += Self.titleCount }
    staticCount = count
  }

  // MARK: - Per-token traits

  /// Word hashes, shapes and flags of every token, computed once per document.
  package struct Traits {
    package var exact: [UInt64]
    /// `wordKey`: lowercased, digits folded. Also the key of every lexicon.
    package var lower: [UInt64]
    package var shape: [UInt64]
    package var flags: [UInt8]
    /// Per sentence: all letters upper case (a headline).
    package var sentenceIsUpper: [Bool]
  }

  package static let flagCapitalized: UInt8 = 1
  package static let flagAllUpper: UInt8 = 2
  package static let flagHasDigit: UInt8 = 4
  package static let flagHasLower: UInt8 = 8

  package static func traits(of document: TokenizedDocument) -> Traits {
    let count = document.tokenCount
    var traits = Traits(
      exact: [UInt64](repeating: 0, count: count), lower: [UInt64](repeating: 0, count: count),
      shape: [UInt64](repeating: 0, count: count), flags: [UInt8](repeating: 0, count: count),
      sentenceIsUpper: [])
    document.bytes.withUnsafeBufferPointer { bytes in
      for token in 0..<count {
        let word = hashes(bytes, Int(document.tokenStarts[token]), Int(document.tokenEnds[token]))
        traits.exact[token] = word.exact
        traits.lower[token] = word.lower
        traits.shape[token] = word.shape
        traits.flags[token] = word.flags
      }
    }
    traits.sentenceIsUpper.reserveCapacity(document.sentenceCount)
    for sentence in 0..<document.sentenceCount {
      var upperWords = 0
      var lowerWords = 0
      for token in document.sentenceRange(sentence) {
        let flags = traits.flags[token]
        if flags & flagHasLower != 0 { lowerWords += 1 } else if flags & flagAllUpper != 0 { upperWords += 1 }
      }
      traits.sentenceIsUpper.append(lowerWords == 0 && upperWords > 0)
    }
    return traits
  }

  /// The word key of a string, as `traits(of:)` computes it (for building lexicons).
  package static func wordKey(_ word: some StringProtocol) -> UInt64 {
    FeatureHash.string(word, lowercase: true, foldDigits: true)
  }

  /// One token's exact hash, word key, shape and flags, in a single walk over its bytes.
  ///
  /// Shape: character classes (X upper, x lower, d digit, other bytes as is) with runs capped
  /// at two, e.g. "McDonald" → "XxxXxx", "1996-08-22" → "dd-dd-dd".
  @inline(__always)
  static func hashes(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> (exact: UInt64, lower: UInt64, shape: UInt64, flags: UInt8)
  {
    var exact = FeatureHash.seed
    var lower = FeatureHash.seed
    var shape = FeatureHash.seed
    var previousClass: UInt8 = 0
    var run = 0
    var flags: UInt8 = 0
    var letters = 0
    var uppers = 0
    var index = start
    while index < end {
      let byte = bytes[index]
      exact = (exact ^ UInt64(byte)) &* FeatureHash.prime
      lower = (lower ^ UInt64(FeatureHash.fold(byte))) &* FeatureHash.prime
      var charClass: UInt8
      if byte >= 65 && byte <= 90 {
        charClass = 88  // X
      } else if byte >= 97 && byte <= 122 {
        charClass = 120  // x
      } else if byte >= 48 && byte <= 57 {
        charClass = 100  // d
      } else if byte >= 0xC0 {
        // Non-ASCII letter: Latin-1 capitals (Ä, É, Ö…) are U+00C0–U+00DE.
        let isUpper =
          byte == 0xC3 && index + 1 < end && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9E
          && bytes[index + 1] != 0x97
        charClass = isUpper ? 88 : 120
      } else if byte >= 0x80 {
        index += 1
        continue  // continuation byte
      } else {
        charClass = byte
      }
      if charClass == 88 { letters += 1; uppers += 1 }
      if charClass == 120 { letters += 1; flags |= flagHasLower }
      if charClass == 100 { flags |= flagHasDigit }
      if index == start && charClass == 88 { flags |= flagCapitalized }
      if charClass == previousClass {
        run += 1
      } else {
        run = 1
        previousClass = charClass
      }
      if run <= 2 { shape = (shape ^ UInt64(charClass)) &* FeatureHash.prime }
      index += 1
    }
    if letters > 0 && uppers == letters { flags |= flagAllUpper }
    return (exact, lower, shape, flags)
  }

  /// With `.headlines`, reads title-case function words as lowercase; returns their tokens.
  ///
  /// In title-case text ("French Officer Is Punished for Revealing Truth About US Role"), a
  /// capitalized function word that names do not contain (`WordLists.isHeadlineFunctionWord`),
  /// with capitalized words on both sides, is read as lowercase, so that the tagger does not
  /// take the headline for one long name; the tagger also keeps the returned tokens outside
  /// any entity.
  @discardableResult
  package func adjustForHeadlines(_ traits: inout Traits, document: TokenizedDocument) -> [Int] {
    var adjusted: [Int] = []
    guard featureSet.contains(.headlines) else { return adjusted }
    let capitalized = Self.flagCapitalized | Self.flagAllUpper
    for sentence in 0..<document.sentenceCount where !traits.sentenceIsUpper[sentence] {
      let range = document.sentenceRange(sentence)
      guard range.count >= 3 else { continue }
      for token in (range.lowerBound + 1)..<(range.upperBound - 1) {
        let flags = traits.flags[token]
        guard flags & Self.flagCapitalized != 0, flags & Self.flagHasLower != 0,
          traits.flags[token - 1] & capitalized != 0, traits.flags[token + 1] & capitalized != 0,
          WordLists.isHeadlineFunctionWord(traits.lower[token])
        else { continue }
        var lowered = Array(document.bytes[Int(document.tokenStarts[token])..<Int(document.tokenEnds[token])])
        for index in lowered.indices where lowered[index] >= 65 && lowered[index] <= 90 {
          lowered[index] |= 0x20
        }
        let word = lowered.withUnsafeBufferPointer { Self.hashes($0, 0, $0.count) }
        traits.exact[token] = word.exact
        traits.shape[token] = word.shape
        traits.flags[token] = word.flags
        adjusted.append(token)
      }
    }
    return adjusted
  }

  // MARK: - Static features

  /// Boundary values for window positions outside the sentence.
  @inline(__always) private static func paddingBefore(_ distance: Int) -> UInt64 {
    distance == 0 ? 0x1111_2222_3333_4444 : 0x5555_6666_7777_8888
  }
  @inline(__always) private static func paddingAfter(_ distance: Int) -> UInt64 {
    distance == 0 ? 0x9999_AAAA_BBBB_CCCC : 0xDDDD_EEEE_FFFF_0001
  }
  /// Cluster path values of positions outside the sentence.
  private static let pathBefore: UInt32 = 0xFFFF_FFFF
  private static let pathAfter: UInt32 = 0xFFFF_FFFE

  @inline(__always)
  private func index(_ template: UInt64, _ value: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: FeatureHash.mix(template, value) >> shift)
  }

  /// Fills `output` (resized to `tokenCount * staticCount`) with every token's static features.
  package func extract(
    _ document: TokenizedDocument, traits: Traits, lexicons: Lexicons, into output: inout [UInt32]
  ) {
    let tokenCount = document.tokenCount
    let stride = staticCount
    output.removeAll(keepingCapacity: true)
    output.append(contentsOf: repeatElement(0, count: tokenCount * stride))
    guard tokenCount > 0 else { return }
    let useCapitalization = featureSet.contains(.capitalization)
    let useClusters = featureSet.contains(.clusters)
    let useGazetteer = featureSet.contains(.gazetteer)
    let useTitles = featureSet.contains(.titles)
    // Lexicon lookups once per token, not once per window position.
    var paths = [UInt32](repeating: WordTable.unknownPath, count: tokenCount)
    var buckets = [UInt32](repeating: 0, count: tokenCount)
    if useCapitalization || useClusters {
      for token in 0..<tokenCount {
        (paths[token], buckets[token]) = lexicons.words.lookup(traits.lower[token])
      }
    }
    let gazetteerCodes = useGazetteer ? gazetteerMatches(document, traits: traits, lexicons: lexicons) : []
    let bias = index(0, 0)
    output.withUnsafeMutableBufferPointer { output in
      document.bytes.withUnsafeBufferPointer { bytes in
        var out = output.baseAddress!
        for sentence in 0..<document.sentenceCount {
          let range = document.sentenceRange(sentence)
          let sentenceUpper: UInt64 = traits.sentenceIsUpper[sentence] ? 2 : 0
          for token in range {
            @inline(__always) func lower(_ offset: Int) -> UInt64 {
              let position = token + offset
              if position < range.lowerBound { return Self.paddingBefore(-offset - 1) }
              if position >= range.upperBound { return Self.paddingAfter(offset - 1) }
              return traits.lower[position]
            }
            @inline(__always) func shape(_ offset: Int) -> UInt64 {
              let position = token + offset
              if position < range.lowerBound { return Self.paddingBefore(-offset - 1) }
              if position >= range.upperBound { return Self.paddingAfter(offset - 1) }
              return traits.shape[position]
            }
            let word = traits.lower[token]
            let wordShape = traits.shape[token]
            let previousWord = lower(-1)
            let nextWord = lower(1)
            let previousShape = shape(-1)
            let nextShape = shape(1)
            let isFirst: UInt64 = token == range.lowerBound ? 1 : 0
            out[0] = bias
            out[1] = index(1, traits.exact[token])
            out[2] = index(2, word)
            out[3] = index(3, previousWord)
            out[4] = index(4, nextWord)
            out[5] = index(5, lower(-2))
            out[6] = index(6, lower(2))
            out[7] = index(7, wordShape)
            out[8] = index(8, previousShape)
            out[9] = index(9, nextShape)
            out[10] = index(10, FeatureHash.mix(previousShape, wordShape))
            out[11] = index(11, FeatureHash.mix(wordShape, nextShape))
            let start = Int(document.tokenStarts[token])
            let end = Int(document.tokenEnds[token])
            // Prefixes of 1…4 bytes are the running hash; suffixes are hashed from their start.
            var prefixHash = FeatureHash.seed
            for length in 1...4 {
              if start + length <= end {
                prefixHash =
                  (prefixHash ^ UInt64(FeatureHash.fold(bytes[start + length - 1]))) &* FeatureHash.prime
              }
              out[11 + length] = index(UInt64(11 + length), prefixHash)
            }
            for length in 1...4 {
              let suffixStart = max(end - length, start)
              out[15 + length] = index(
                UInt64(15 + length),
                FeatureHash.bytes(bytes, from: suffixStart, to: end, lowercase: true, foldDigits: true))
            }
            out[20] = index(20, FeatureHash.mix(previousWord, word))
            out[21] = index(21, FeatureHash.mix(word, nextWord))
            out[22] = index(22, FeatureHash.mix(wordShape, isFirst | sentenceUpper))
            out[23] = index(23, FeatureHash.mix(previousWord, wordShape))
            out[24] = index(24, FeatureHash.mix(wordShape, nextWord))
            out[25] = index(25, token > range.lowerBound ? traits.exact[token - 1] : Self.paddingBefore(0))
            out[26] = index(26, token + 1 < range.upperBound ? traits.exact[token + 1] : Self.paddingAfter(0))
            out[27] = index(27, FeatureHash.mix(previousWord, nextWord))
            out[28] = index(
              28,
              FeatureHash.mix(
                FeatureHash.mix(shape(-2), previousShape), FeatureHash.mix(wordShape, nextShape)))
            var slot = Self.baseCount

            if useCapitalization {
              let bucket = UInt64(buckets[token])
              let capitalized = UInt64(traits.flags[token] & (Self.flagCapitalized | Self.flagAllUpper))
              out[slot] = index(30, bucket << 8 | capitalized << 2 | isFirst | sentenceUpper)
              out[slot + 1] = index(31, FeatureHash.mix(bucket, wordShape))
              slot += Self.capitalizationCount
            }
            if useClusters {
              let path = paths[token]
              out[slot] = index(40, prefix(path, Self.defaultClusterPrefixes.0))
              out[slot + 1] = index(41, prefix(path, Self.defaultClusterPrefixes.1))
              out[slot + 2] = index(42, prefix(path, Self.defaultClusterPrefixes.2))
              out[slot + 3] = index(43, prefix(path, Self.defaultClusterPrefixes.3))
              let previous = token > range.lowerBound ? paths[token - 1] : Self.pathBefore
              let next = token + 1 < range.upperBound ? paths[token + 1] : Self.pathAfter
              out[slot + 4] = index(44, prefix(previous, 6))
              out[slot + 5] = index(45, prefix(next, 6))
              out[slot + 6] = index(46, prefix(previous, 24))
              out[slot + 7] = index(47, prefix(next, 24))
              slot += Self.clusterCount
            }
            if useGazetteer {
              for kind in 0..<4 {
                out[slot + kind] = index(UInt64(50 + kind), UInt64(gazetteerCodes[token * 4 + kind]))
              }
              slot += Self.gazetteerCount
            }
            if useTitles {
              let capitalizedFlags = Self.flagCapitalized | Self.flagAllUpper
              let isTitle: UInt64 = WordLists.isTitle(word) ? 1 : 0
              let afterTitle: UInt64 =
                token > range.lowerBound && WordLists.isTitle(traits.lower[token - 1]) ? 1 : 0
              let nextCapitalized: UInt64 =
                token + 1 < range.upperBound && traits.flags[token + 1] & capitalizedFlags != 0 ? 2 : 0
              out[slot] = index(70, isTitle << 4 | nextCapitalized | isFirst)
              out[slot + 1] = index(71, afterTitle << 4 | UInt64(traits.flags[token] & capitalizedFlags))
            }
            out += stride
          }
        }
      }
    }
  }

  /// A path prefix as a value: the top `length` bits of the path plus the (capped) length, so
  /// that short paths do not collide with longer ones.
  @inline(__always)
  private func prefix(_ path: UInt32, _ length: Int) -> UInt64 {
    let pathLength = Int(path >> 24)
    if path >= 0xFFFF_FFF0 { return UInt64(path) }
    let used = min(length, pathLength)
    let bits = used == 0 ? 0 : (path & 0x00FF_FFFF) >> UInt32(24 - used)
    return UInt64(bits) << 8 | UInt64(used)
  }

  /// For each token and kind, how the longest gazetteer match covering it places it.
  ///
  /// 0 none, 1 begin, 2 inside, 3 last, 4 unit. Matches must start with a capitalized token,
  /// and grow one token at a time while the sequence so far begins some entry.
  private func gazetteerMatches(_ document: TokenizedDocument, traits: Traits, lexicons: Lexicons) -> [UInt8]
  {
    var codes = [UInt8](repeating: 0, count: document.tokenCount * 4)
    var lengths = [UInt8](repeating: 0, count: document.tokenCount * 4)
    let maxLength = Lexicons.defaultMaxGazetteerLength
    for sentence in 0..<document.sentenceCount {
      let range = document.sentenceRange(sentence)
      for start in range {
        let flags = traits.flags[start]
        guard flags & (Self.flagCapitalized | Self.flagAllUpper) != 0 || flags & Self.flagHasDigit != 0 else {
          continue
        }
        var key = FeatureHash.seed
        for end in (start + 1)...min(start + maxLength, range.upperBound) {
          key = FeatureHash.extend(key, with: traits.lower[end - 1])
          guard let mask = lexicons.gazetteer.value(for: key) else { break }
          let length = end - start
          for kind in 0..<4 where mask & (1 << UInt32(kind)) != 0 {
            for token in start..<end where Int(lengths[token * 4 + kind]) < length {
              lengths[token * 4 + kind] = UInt8(length)
              codes[token * 4 + kind] = length == 1 ? 4 : token == start ? 1 : token == end - 1 ? 3 : 2
            }
          }
          if mask & Lexicons.prefixFlag == 0 { break }
        }
      }
    }
    return codes
  }

  // MARK: - Document features

  /// Fills `output` (resized to `tokenCount * documentCount`) with the second pass's document
  /// features: what the first pass predicted for each token, its neighbours, and the same word
  /// elsewhere in the document.
  package func extractDocumentFeatures(
    _ document: TokenizedDocument, traits: Traits, firstPassTags tags: [UInt8], into output: inout [UInt32]
  ) {
    let tokenCount = document.tokenCount
    output.removeAll(keepingCapacity: true)
    output.append(contentsOf: repeatElement(0, count: tokenCount * Self.documentCount))
    guard tokenCount > 0 else { return }
    let values = documentTallies(traits: traits, tags: tags)
    output.withUnsafeMutableBufferPointer { output in
      var out = output.baseAddress!
      for sentence in 0..<document.sentenceCount {
        let range = document.sentenceRange(sentence)
        for token in range {
          let value = values[token]
          let word = traits.lower[token]
          let own = UInt64(tags[token])
          let previousTag: UInt64 = token > range.lowerBound ? UInt64(tags[token - 1]) : 99
          let nextTag: UInt64 = token + 1 < range.upperBound ? UInt64(tags[token + 1]) : 99
          out[0] = index(60, value)
          out[1] = index(61, FeatureHash.mix(value, traits.shape[token]))
          out[2] = index(62, FeatureHash.mix(value, own))
          out[3] = index(63, own << 8 | nextTag)
          out[4] = index(64, previousTag << 8 | own)
          out[5] = index(65, FeatureHash.mix(word, nextTag))
          out += Self.documentCount
        }
      }
    }
  }

  /// Document feature value per token: which kind the first pass gave the same (capitalized)
  /// word at its other occurrences in the document, and how consistently.
  private func documentTallies(traits: Traits, tags: [UInt8]) -> [UInt64] {
    // Flat tallies (5 slots per distinct word), found through a small open-addressing table
    // keyed by word, so that nothing is allocated per word.
    let count = tags.count
    let capitalizedFlags = Self.flagCapitalized | Self.flagAllUpper
    var capacity = 16
    while capacity < 2 * count { capacity <<= 1 }
    let mask = capacity - 1
    var slotKeys = [UInt64](repeating: 0, count: capacity)
    var slotWords = [Int32](repeating: -1, count: capacity)
    var tallies: [Int32] = []
    var tokenWord = [Int32](repeating: -1, count: count)
    for token in 0..<count where traits.flags[token] & capitalizedFlags != 0 {
      let word = traits.lower[token]
      let key = word == 0 ? 1 : word  // 0 marks a free slot
      var slot = Int(truncatingIfNeeded: key ^ key >> 29) & mask
      while slotKeys[slot] != 0 && slotKeys[slot] != key { slot = (slot + 1) & mask }
      if slotKeys[slot] == 0 {
        slotKeys[slot] = key
        slotWords[slot] = Int32(tallies.count / 5)
        tallies.append(contentsOf: repeatElement(0, count: 5))
      }
      let wordIndex = slotWords[slot]
      tokenWord[token] = wordIndex
      tallies[Int(wordIndex) * 5 + kindSlot(tags[token])] += 1
    }
    var values = [UInt64](repeating: 0xABCD, count: count)
    for token in 0..<count where tokenWord[token] >= 0 {
      let base = Int(tokenWord[token]) * 5
      let own = kindSlot(tags[token])
      var others: Int32 = 0
      var best = 0
      var bestCount: Int32 = -1
      for slot in 0..<5 {
        let count = tallies[base + slot] - (slot == own ? 1 : 0)
        others += count
        if count > bestCount {
          bestCount = count
          best = slot
        }
      }
      if others == 0 {
        values[token] = 0xABCE
        continue
      }
      let agreement: UInt64 = bestCount == others ? 2 : bestCount * 2 > others ? 1 : 0
      values[token] = UInt64(best) << 4 | agreement << 2 | (others > 2 ? 1 : 0)
    }
    return values
  }

  /// 0 for Outside, 1…4 for the kind of an entity tag.
  @inline(__always)
  private func kindSlot(_ tag: UInt8) -> Int { tag == BILOUTag.outside ? 0 : BILOUTag.kindIndex(tag) + 1 }

  // MARK: - Tag-history features

  /// Features that depend on the two previous predicted tags; the decoder calls this per token.
  @inline(__always)
  package func historyFeatures(previous: UInt8, beforePrevious: UInt8, word: UInt64, shape: UInt64)
    -> (UInt32, UInt32, UInt32, UInt32)
  {
    let tags = tagHistoryFeatures(previous: previous, beforePrevious: beforePrevious)
    let words = wordHistoryFeatures(previous: previous, word: word, shape: shape)
    return (tags.0, tags.1, words.0, words.1)
  }

  /// The history features made of tags only (few distinct values, so their rows stay cached).
  @inline(__always)
  package func tagHistoryFeatures(previous: UInt8, beforePrevious: UInt8) -> (UInt32, UInt32) {
    let tag1 = UInt64(previous)
    let tag2 = UInt64(beforePrevious)
    return (index(100, tag1), index(101, tag2 << 8 | tag1))
  }

  /// The history features that pair the previous tag with the token's word and shape.
  @inline(__always)
  package func wordHistoryFeatures(previous: UInt8, word: UInt64, shape: UInt64) -> (UInt32, UInt32) {
    let tag1 = UInt64(previous)
    return (index(102, FeatureHash.mix(word, tag1)), index(103, FeatureHash.mix(shape, tag1)))
  }
}
