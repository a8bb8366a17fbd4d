/// Turns a tokenized document into hashed feature indices: a fixed number per token
/// (`staticCount`, laid out token after token) plus a few tag-history features that the
/// decoder adds as it goes (`historyFeatures`). Every feature is a template id mixed with a
/// value hash and cut to `bits` bits, so the weight table has a fixed size.
package struct FeatureExtractor: Sendable {
  /// Cluster path prefix lengths used as features (Brown-style coarse-to-fine groups).
  static let defaultClusterPrefixes = (4, 6, 10, 24)
  static let baseCount = 29
  static let capitalizationCount = 2
  static let clusterCount = 8
  static let gazetteerCount = 4
  static let documentCount = 6
  package static let historyCount = 4

  package let bits: Int
  package let featureSet: FeatureSet
  package let staticCount: Int
  private let shift: UInt64

  package init(bits: Int, featureSet: FeatureSet) {
    self.bits = bits
    self.featureSet = featureSet
    shift = UInt64(64 - bits)
    var count = Self.baseCount
    if featureSet.contains(.capitalization) { count += Self.capitalizationCount }
    if featureSet.contains(.clusters) { count += Self.clusterCount }
    if featureSet.contains(.gazetteer) { count += Self.gazetteerCount }
    if featureSet.contains(.document) { count += Self.documentCount }
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
        let start = Int(document.tokenStarts[token])
        let end = Int(document.tokenEnds[token])
        traits.exact[token] = FeatureHash.bytes(bytes, from: start, to: end, lowercase: false, foldDigits: false)
        traits.lower[token] = FeatureHash.bytes(bytes, from: start, to: end, lowercase: true, foldDigits: true)
        let (shape, flags) = shapeAndFlags(bytes, start, end)
        traits.shape[token] = shape
        traits.flags[token] = flags
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

  /// Shape: character classes (X upper, x lower, d digit, other bytes as is) with runs capped
  /// at two, e.g. "McDonald" → "XxxXxx", "1996-08-22" → "dd-dd-dd".
  @inline(__always)
  static func shapeAndFlags(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (UInt64, UInt8) {
    var hash = FeatureHash.seed
    var previousClass: UInt8 = 0
    var run = 0
    var flags: UInt8 = 0
    var letters = 0
    var uppers = 0
    var index = start
    while index < end {
      let byte = bytes[index]
      var charClass: UInt8
      if byte >= 65 && byte <= 90 {
        charClass = 88  // X
      } else if byte >= 97 && byte <= 122 {
        charClass = 120  // x
      } else if byte >= 48 && byte <= 57 {
        charClass = 100  // d
      } else if byte >= 0xC0 {
        // Non-ASCII letter: Latin-1 capitals (Ä, É, Ö…) are U+00C0–U+00DE.
        let isUpper = byte == 0xC3 && index + 1 < end && bytes[index + 1] >= 0x80 && bytes[index + 1] <= 0x9E
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
      if run <= 2 { hash = (hash ^ UInt64(charClass)) &* 0x0000_0100_0000_01b3 }
      index += 1
    }
    if letters > 0 && uppers == letters { flags |= flagAllUpper }
    return (hash, flags)
  }

  // MARK: - Static features

  /// Boundary values for window positions outside the sentence.
  @inline(__always) private static func paddingBefore(_ distance: Int) -> UInt64 {
    distance == 0 ? 0x1111_2222_3333_4444 : 0x5555_6666_7777_8888
  }
  @inline(__always) private static func paddingAfter(_ distance: Int) -> UInt64 {
    distance == 0 ? 0x9999_AAAA_BBBB_CCCC : 0xDDDD_EEEE_FFFF_0001
  }

  @inline(__always)
  private func index(_ template: UInt64, _ value: UInt64) -> UInt32 {
    UInt32(truncatingIfNeeded: FeatureHash.mix(template, value) >> shift)
  }

  /// Fills `output` (resized to `tokenCount * staticCount`) with every token's static features.
  /// `firstPassTags` is required when the feature set includes `.document`.
  package func extract(
    _ document: TokenizedDocument, traits: Traits, lexicons: Lexicons, firstPassTags: [UInt8]? = nil,
    into output: inout [UInt32]
  ) {
    let tokenCount = document.tokenCount
    output.removeAll(keepingCapacity: true)
    output.reserveCapacity(tokenCount * staticCount)
    let gazetteerCodes = featureSet.contains(.gazetteer) ? gazetteerMatches(document, traits: traits, lexicons: lexicons) : []
    let documentValues = featureSet.contains(.document) ? documentTallies(traits: traits, tags: firstPassTags!) : []
    document.bytes.withUnsafeBufferPointer { bytes in
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
          let isFirst: UInt64 = token == range.lowerBound ? 1 : 0
          output.append(index(0, 0))
          output.append(index(1, traits.exact[token]))
          output.append(index(2, word))
          output.append(index(3, lower(-1)))
          output.append(index(4, lower(1)))
          output.append(index(5, lower(-2)))
          output.append(index(6, lower(2)))
          output.append(index(7, wordShape))
          output.append(index(8, shape(-1)))
          output.append(index(9, shape(1)))
          output.append(index(10, FeatureHash.mix(shape(-1), wordShape)))
          output.append(index(11, FeatureHash.mix(wordShape, shape(1))))
          let start = Int(document.tokenStarts[token])
          let end = Int(document.tokenEnds[token])
          for length in 1...4 {
            let prefixEnd = min(start + length, end)
            output.append(index(UInt64(11 + length), FeatureHash.bytes(bytes, from: start, to: prefixEnd, lowercase: true, foldDigits: true)))
          }
          for length in 1...4 {
            let suffixStart = max(end - length, start)
            output.append(index(UInt64(15 + length), FeatureHash.bytes(bytes, from: suffixStart, to: end, lowercase: true, foldDigits: true)))
          }
          output.append(index(20, FeatureHash.mix(lower(-1), word)))
          output.append(index(21, FeatureHash.mix(word, lower(1))))
          output.append(index(22, FeatureHash.mix(wordShape, isFirst | sentenceUpper)))
          output.append(index(23, FeatureHash.mix(lower(-1), wordShape)))
          output.append(index(24, FeatureHash.mix(wordShape, lower(1))))
          output.append(index(25, token > range.lowerBound ? traits.exact[token - 1] : Self.paddingBefore(0)))
          output.append(index(26, token + 1 < range.upperBound ? traits.exact[token + 1] : Self.paddingAfter(0)))
          output.append(index(27, FeatureHash.mix(lower(-1), lower(1))))
          output.append(index(28, FeatureHash.mix(FeatureHash.mix(shape(-2), shape(-1)), FeatureHash.mix(wordShape, shape(1)))))

          if featureSet.contains(.capitalization) {
            let bucket = UInt64(lexicons.capitalization.value(for: word) ?? 0)
            let capitalized = UInt64(traits.flags[token] & (Self.flagCapitalized | Self.flagAllUpper))
            output.append(index(30, bucket << 8 | capitalized << 2 | isFirst | sentenceUpper))
            output.append(index(31, FeatureHash.mix(bucket, wordShape)))
          }
          if featureSet.contains(.clusters) {
            let path = clusterPath(lexicons, word)
            output.append(index(40, prefix(path, Self.defaultClusterPrefixes.0)))
            output.append(index(41, prefix(path, Self.defaultClusterPrefixes.1)))
            output.append(index(42, prefix(path, Self.defaultClusterPrefixes.2)))
            output.append(index(43, prefix(path, Self.defaultClusterPrefixes.3)))
            let previous = token > range.lowerBound ? clusterPath(lexicons, traits.lower[token - 1]) : 0xFFFF_FFFF
            let next = token + 1 < range.upperBound ? clusterPath(lexicons, traits.lower[token + 1]) : 0xFFFF_FFFE
            output.append(index(44, prefix(previous, 6)))
            output.append(index(45, prefix(next, 6)))
            output.append(index(46, prefix(previous, 24)))
            output.append(index(47, prefix(next, 24)))
          }
          if featureSet.contains(.gazetteer) {
            for kind in 0..<4 {
              output.append(index(UInt64(50 + kind), UInt64(gazetteerCodes[token * 4 + kind])))
            }
          }
          if featureSet.contains(.document) {
            let value = documentValues[token]
            output.append(index(60, value))
            output.append(index(61, FeatureHash.mix(value, wordShape)))
            let tags = firstPassTags!
            let own = UInt64(tags[token])
            let previousTag: UInt64 = token > range.lowerBound ? UInt64(tags[token - 1]) : 99
            let nextTag: UInt64 = token + 1 < range.upperBound ? UInt64(tags[token + 1]) : 99
            output.append(index(62, FeatureHash.mix(value, own)))
            output.append(index(63, own << 8 | nextTag))
            output.append(index(64, previousTag << 8 | own))
            output.append(index(65, FeatureHash.mix(word, nextTag)))
          }
        }
      }
    }
  }

  @inline(__always)
  private func clusterPath(_ lexicons: Lexicons, _ word: UInt64) -> UInt32 {
    lexicons.clusters.value(for: word) ?? 0xFFFF_FFFD
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

  /// For each token and kind, how the longest gazetteer match covering it places it:
  /// 0 none, 1 begin, 2 inside, 3 last, 4 unit. Matches must start with a capitalized token.
  private func gazetteerMatches(_ document: TokenizedDocument, traits: Traits, lexicons: Lexicons) -> [UInt8] {
    var codes = [UInt8](repeating: 0, count: document.tokenCount * 4)
    var lengths = [UInt8](repeating: 0, count: document.tokenCount * 4)
    let maxLength = Lexicons.defaultMaxGazetteerLength
    for sentence in 0..<document.sentenceCount {
      let range = document.sentenceRange(sentence)
      for start in range {
        let flags = traits.flags[start]
        guard flags & (Self.flagCapitalized | Self.flagAllUpper) != 0 || flags & Self.flagHasDigit != 0 else { continue }
        var key = FeatureHash.seed
        for end in (start + 1)...min(start + maxLength, range.upperBound) {
          key = FeatureHash.extend(key, with: traits.lower[end - 1])
          guard let mask = lexicons.gazetteer.value(for: key) else { continue }
          let length = end - start
          for kind in 0..<4 where mask & (1 << UInt32(kind)) != 0 {
            for token in start..<end where Int(lengths[token * 4 + kind]) < length {
              lengths[token * 4 + kind] = UInt8(length)
              codes[token * 4 + kind] = length == 1 ? 4 : token == start ? 1 : token == end - 1 ? 3 : 2
            }
          }
        }
      }
    }
    return codes
  }

  /// Document feature value per token: which kind the first pass gave the same (capitalized)
  /// word at its other occurrences in the document, and how consistently.
  private func documentTallies(traits: Traits, tags: [UInt8]) -> [UInt64] {
    // Flat tallies (5 slots per distinct word) so that no array is allocated per word.
    var slotOfWord: [UInt64: Int32] = [:]
    var tallies: [Int32] = []
    var tokenSlot = [Int32](repeating: -1, count: tags.count)
    let capitalizedFlags = Self.flagCapitalized | Self.flagAllUpper
    for token in 0..<tags.count where traits.flags[token] & capitalizedFlags != 0 {
      let word = traits.lower[token]
      var slot = slotOfWord[word] ?? -1
      if slot < 0 {
        slot = Int32(tallies.count / 5)
        slotOfWord[word] = slot
        tallies.append(contentsOf: [0, 0, 0, 0, 0])
      }
      tokenSlot[token] = slot
      tallies[Int(slot) * 5 + kindSlot(tags[token])] += 1
    }
    var values = [UInt64](repeating: 0xABCD, count: tags.count)
    for token in 0..<tags.count where tokenSlot[token] >= 0 {
      let base = Int(tokenSlot[token]) * 5
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
    let tag1 = UInt64(previous)
    let tag2 = UInt64(beforePrevious)
    return (
      index(100, tag1),
      index(101, tag2 << 8 | tag1),
      index(102, FeatureHash.mix(word, tag1)),
      index(103, FeatureHash.mix(shape, tag1))
    )
  }
}
