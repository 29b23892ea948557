/// Finds where elements and attributes start in the source bytes, because libxml2 tree nodes
/// carry only a line number (the line on which the start tag *ended*) and no column.
///
/// Elements are matched in document order: for each element the next `<name` (followed by
/// whitespace, `/` or `>`) after the previous match is taken, provided it starts on or before
/// the line libxml2 recorded. Elements the HTML parser implied (no start tag in the source)
/// find no match and keep libxml2's line with column 1. Comments and CDATA sections are
/// skipped, so markup quoted inside them does not mislead the matching. Attribute names are
/// then looked up inside the matched start tag.
struct SourceLocator {
    let bytes: [UInt8]
    private let lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        lineStarts = bytes.withUnsafeBufferPointer { buffer in
            var starts = [0]
            for offset in 0..<buffer.count where buffer[offset] == 0x0A { starts.append(offset + 1) }
            return starts
        }
    }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        var cursor = PositionCursor()
        return position(of: offset, from: &cursor)
    }

    /// Remembers the last position computed, so that positions asked in increasing order
    /// on one long line (minified HTML, inline SVG) cost O(distance), not O(line length).
    struct PositionCursor {
        var offset = 0
        var line = 0
        var column = 1
    }

    func position(of offset: Int, from cursor: inout PositionCursor) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        var column = 1
        var scan = lineStarts[low]
        if cursor.line == low + 1, cursor.offset <= offset, cursor.offset >= scan {
            column = cursor.column
            scan = cursor.offset
        }
        while scan < offset && scan < bytes.count {
            if bytes[scan] & 0xC0 != 0x80 { column += 1 }
            scan += 1
        }
        cursor = PositionCursor(offset: offset, line: low + 1, column: column)
        return (low + 1, column)
    }

    /// Byte offset just past the end of `line` (1-based).
    func endOfLine(_ line: Int) -> Int {
        line < lineStarts.count ? lineStarts[line] : bytes.count
    }

    /// Byte offset of the first occurrence of `needle` in `range`, if any.
    func firstOffset(of needle: [UInt8], in range: Range<Int>) -> Int? {
        guard !needle.isEmpty, range.count >= needle.count else { return nil }
        var start = range.lowerBound
        while start + needle.count <= range.upperBound {
            if bytes[start] == needle[0] {
                var matched = true
                for offset in 1..<needle.count where bytes[start + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return start }
            }
            start += 1
        }
        return nil
    }

    /// Fills in `line`/`column` (and `sourceOffset`) of every element and attribute of `tree`,
    /// or of its first `count` elements only: elements are matched in document order, so a
    /// prefix gets the same positions as when the whole tree is located.
    /// `caseInsensitive` for the HTML parser's tree, whose names libxml2 lower-cased.
    func locate(_ tree: inout MarkupTree, caseInsensitive: Bool, count: Int? = nil) {
        var cursor = 0
        var positions = PositionCursor()
        for index in tree.elements.indices.prefix(count ?? tree.elements.count) {
            let element = tree.elements[index]
            let limit = element.line >= 65535 ? bytes.count : endOfLine(element.line)
            guard let start = nextStartTag(element.qualifiedName, from: cursor, before: limit,
                                           caseInsensitive: caseInsensitive)
            else { continue }
            let position = position(of: start, from: &positions)
            tree.elements[index].line = position.line
            tree.elements[index].column = position.column
            tree.elements[index].sourceOffset = start
            let nameEnd = start + 1 + Array(element.qualifiedName.utf8).count
            cursor = nameEnd
            var found: Set<Int> = []
            for (name, offset) in attributeNames(from: nameEnd) {
                let wanted = caseInsensitive ? name.lowercased() : name
                if let slot = tree.elements[index].attributes.firstIndex(where: { $0.name == wanted }) {
                    let attributePosition = self.position(of: offset, from: &positions)
                    tree.elements[index].attributes[slot].line = attributePosition.line
                    tree.elements[index].attributes[slot].column = attributePosition.column
                    found.insert(slot)
                }
            }
            for slot in tree.elements[index].attributes.indices where !found.contains(slot) {
                tree.elements[index].attributes[slot].line = position.line
                tree.elements[index].attributes[slot].column = position.column
            }
        }
    }

    /// Offset of the first `<name` + terminator starting in `cursor..<limit`.
    private func nextStartTag(_ name: String, from cursor: Int, before limit: Int, caseInsensitive: Bool) -> Int? {
        let needle = Array(("<" + name).utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Int? in
            var start = cursor
            while start < limit, start + needle.count <= buffer.count {
                if buffer[start] == 0x3C, let end = skippedSectionEnd(at: start, in: buffer) {
                    start = end
                    continue
                }
                if buffer[start] == 0x3C {
                    var matched = true
                    for offset in 1..<needle.count {
                        var byte = buffer[start + offset]
                        if caseInsensitive, byte >= 65, byte <= 90 { byte += 32 }
                        if byte != needle[offset] {
                            matched = false
                            break
                        }
                    }
                    if matched {
                        let after = start + needle.count
                        if after == buffer.count || isNameTerminator(buffer[after]) { return start }
                    }
                }
                start += 1
            }
            return nil
        }
    }

    /// For a comment (`<!--…-->`) or CDATA section (`<![CDATA[…]]>`) starting at `start`, the
    /// offset just past its end (or the end of the input): markup inside it is not a start tag.
    private func skippedSectionEnd(at start: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int? {
        func has(_ text: String, at offset: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard offset + pattern.count <= buffer.count else { return false }
            for index in 0..<pattern.count where buffer[offset + index] != pattern[index] { return false }
            return true
        }
        let terminator: String
        if has("<!--", at: start) { terminator = "-->" } else if has("<![CDATA[", at: start) { terminator = "]]>" } else { return nil }
        var offset = start + 4
        while offset < buffer.count {
            if has(terminator, at: offset) { return offset + terminator.utf8.count }
            offset += 1
        }
        return buffer.count
    }

    private func isNameTerminator(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/")
            || byte == UInt8(ascii: ">")
    }

    /// Attribute names of the start tag whose name ends at `offset`, with their byte offsets.
    private func attributeNames(from offset: Int) -> [(String, Int)] {
        var names: [(String, Int)] = []
        var cursor = offset
        func skipSpace() {
            while cursor < bytes.count {
                let byte = bytes[cursor]
                guard byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D else { break }
                cursor += 1
            }
        }
        while cursor < bytes.count {
            skipSpace()
            guard cursor < bytes.count else { break }
            let byte = bytes[cursor]
            if byte == UInt8(ascii: ">") { break }
            if byte == UInt8(ascii: "/") { cursor += 1; continue }
            let nameStart = cursor
            while cursor < bytes.count, !isNameTerminator(bytes[cursor]), bytes[cursor] != UInt8(ascii: "=") {
                cursor += 1
            }
            if cursor > nameStart {
                names.append((String(decoding: bytes[nameStart..<cursor], as: UTF8.self), nameStart))
            }
            skipSpace()
            guard cursor < bytes.count, bytes[cursor] == UInt8(ascii: "=") else { continue }
            cursor += 1
            skipSpace()
            guard cursor < bytes.count else { break }
            let quote = bytes[cursor]
            if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                cursor += 1
                while cursor < bytes.count, bytes[cursor] != quote { cursor += 1 }
                cursor += 1
            } else {
                while cursor < bytes.count, !isNameTerminator(bytes[cursor]) { cursor += 1 }
            }
        }
        return names
    }
}
