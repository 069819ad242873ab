import Foundation
import GHGCore

/// Reads `activity/*.csv` into a columnar ``ActivityTable`` (DESIGN §6 "Reading is columnar").
///
/// Region, category, activity, item, technology, unit, source and note are interned to ids while the bytes are
/// parsed; numbers are parsed from the bytes; each distinct category and unit is parsed once. Files are read in
/// parallel, and a large file without quoted fields is split at line ends into one chunk per thread; chunks are
/// merged in file and line order, so the table does not depend on the thread count. A file with quoted fields is
/// read by the general RFC 4180 reader (``CSVReader``), through the same per-row checks.
///
/// Every data row is either in the table or reported: an empty required field, a malformed year, category or
/// number, an unknown unit, a row of the wrong width or invalid UTF-8 are located errors (`file:line:column`).
enum ActivityReader {
    /// The largest uncertainty an activity row may state (± %): beyond it the 95 % interval is not a percentage a
    /// statistic could carry.
    static let maxUncertainty = 1000.0

    /// The columns every activity file has; `technology`, `facility` (企业名称) and `uncertainty` (± % at 95 %) are
    /// optional.
    static let required = ["region", "year", "category", "activity", "item", "value", "unit", "source", "note"]
    static let optional = ["technology", "facility", "uncertainty"]

    /// One file to read.
    struct Input: Sendable {
        /// Relative path (`activity/energy.csv`), used in messages.
        var path: String
        /// Absolute path, for finding columns again later.
        var absolutePath: String
        /// The bytes.
        var bytes: FileBytes
    }

    /// The table, the number of data rows read (valid or not), the problems, and each input's SHA-256 (hashed
    /// alongside the parsing).
    static func read(_ inputs: [Input], threads: Int, chunkBytes: Int = 1 << 22, hash: Bool = true)
        -> (table: ActivityTable, rowCount: Int, diagnostics: [Diagnostic], sha256: [String]) {
        // Plan the work: whole files, or chunks of large unquoted files.
        struct Job: Sendable { var file: Int; var start: Int; var end: Int; var header: Header? }
        var jobs: [Job] = []
        var headers: [Header?] = []
        var fileDiagnostics: [[Diagnostic]] = []
        for (f, input) in inputs.enumerated() {
            var d: [Diagnostic] = []
            let header = Header(input.bytes.buffer, file: input.path, diagnostics: &d)
            headers.append(header)
            fileDiagnostics.append(d)
            guard let header else { continue }
            let bytes = input.bytes.buffer
            let n = bytes.count
            let quoted = memchr(bytes.baseAddress!, 0x22, n) != nil
            if quoted {
                jobs.append(Job(file: f, start: -1, end: -1, header: header))
                continue
            }
            let parts = threads > 1 && n > chunkBytes ? min(threads * 4, max(1, n / max(chunkBytes / 4, 1))) : 1
            var start = header.dataStart
            for k in 1...parts {
                var end = k == parts ? n : max(start, header.dataStart + (n - header.dataStart) * k / parts)
                if k < parts {
                    while end < n && bytes[end] != 0x0A { end += 1 }
                    if end < n { end += 1 }
                }
                jobs.append(Job(file: f, start: start, end: end, header: header))
                start = end
            }
        }
        var timer = PhaseTimer()
        // The files' hashes are jobs of their own, run alongside the parsing.
        enum Work: Sendable { case chunk(Chunk), hash(String) }
        let work: [Work] = Parallel.map(inputs.count + jobs.count, threads: threads) { j in
            if j < inputs.count { return .hash(hash ? SHA256.hex(inputs[j].bytes.buffer) : "") }
            let job = jobs[j - inputs.count]
            let input = inputs[job.file]
            var chunk = Chunk(file: job.file, path: input.path, header: job.header!)
            if job.start < 0 {
                chunk.readQuoted(Array(input.bytes.buffer))
            } else {
                chunk.readPlain(input.bytes.buffer, from: job.start, to: job.end)
            }
            return .chunk(chunk)
        }
        let sha256 = work.prefix(inputs.count).map { if case let .hash(h) = $0 { h } else { "" } }
        let chunks = work.dropFirst(inputs.count).compactMap { if case let .chunk(c) = $0 { c } else { nil } }
        timer.mark("    chunks parsed")
        // Merge in order: ids remapped to one table; line numbers of later chunks of a file shifted.
        var merger = Merger()
        var diagnostics: [Diagnostic] = []
        var rowCount = 0
        var lineOffset = 0
        var previousFile = -1
        var offsetsByFile: [[Int64]] = Array(repeating: [], count: inputs.count)
        var chunkIndex = 0
        for f in inputs.indices {
            diagnostics += fileDiagnostics[f]
            guard let header = headers[f] else { continue }
            if previousFile != f { lineOffset = header.dataLine - 1; previousFile = f }
            while chunkIndex < chunks.count && chunks[chunkIndex].file == f {
                let c = chunks[chunkIndex]
                let shift = c.quoted ? 0 : lineOffset
                diagnostics += c.diagnostics.map { d in
                    var d = d
                    if d.location.line > 0 { d.location.line += shift }
                    return d
                }
                rowCount += c.records
                merger.add(c, file: inputs[f].path, lineShift: shift, offsets: &offsetsByFile[f])
                lineOffset += c.lines
                chunkIndex += 1
            }
        }
        merger.finish(threads: threads)
        timer.mark("    chunks merged")
        var table = merger.table
        table.locator = FileColumnLocator(files: inputs.map { ($0.absolutePath, $0.path) },
                                          converted: inputs.map { $0.bytes.converted == nil ? nil : $0.bytes },
                                          headers: headers.map { $0?.index ?? [:] },
                                          rowFile: table.file.map { merger.fileInputs[Int($0)] },
                                          offsets: offsetsByFile, rowInFile: merger.rowInFile)
        return (table, rowCount, diagnostics, sha256)
    }

    /// A file's header: where each column is, and where the data starts.
    struct Header: Sendable {
        /// Field → position in the row.
        var index: [ActivityField: Int]
        /// Position in the row by field raw value, -1 when absent (the hot path's lookup).
        var positions: [Int]
        /// The number of columns.
        var width: Int
        /// The header's names, for messages.
        var names: [String]
        /// Byte offset of the first data line, and its line number.
        var dataStart: Int, dataLine: Int

        init?(_ bytes: UnsafeBufferPointer<UInt8>, file: String, diagnostics d: inout [Diagnostic]) {
            var start = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
            var line = 1
            // Skip leading blank lines, as the general reader does.
            while start < bytes.count, bytes[start] == 0x0A || bytes[start] == 0x0D {
                if bytes[start] == 0x0A { line += 1 }
                start += 1
            }
            var end = start
            var inQuotes = false
            while end < bytes.count {
                if bytes[end] == 0x22 { inQuotes.toggle() }
                if bytes[end] == 0x0A && !inQuotes { break }
                end += 1
            }
            let headBytes = Array(bytes[start..<end])
            let (records, hd) = CSVReader.parse(headBytes, file: file)
            d += hd.map { var x = $0; x.location.line += line - 1; return x }
            guard let head = records.first else {
                d.append(.error(.header, at: InputLocation(file: file, line: 1),
                    "empty file; expected a header row: \(ActivityReader.required.joined(separator: ","))"))
                return nil
            }
            names = head.fields.map { $0.trimmingSpaces }
            var index: [String: Int] = [:]
            var fields: [ActivityField: Int] = [:]
            let known = ActivityReader.required + ActivityReader.optional
            for (i, name) in names.enumerated() {
                let loc = InputLocation(file: file, line: line, column: head.columns[i])
                if index[name] != nil {
                    d.append(.error(.header, at: loc, "column '\(name)' appears twice in the header"))
                } else if !known.contains(name) {
                    d.append(.error(.header, at: loc, "unknown column '\(name)'; expected the columns "
                        + known.joined(separator: ",")))
                }
                if index[name] == nil { index[name] = i }
            }
            let missing = ActivityReader.required.filter { index[$0] == nil }
            if !missing.isEmpty {
                d.append(.error(.header, at: InputLocation(file: file, line: line),
                    "missing column\(missing.count > 1 ? "s" : "") " + missing.map { "'\($0)'" }.joined(separator: ", ")
                        + "; expected a header with " + ActivityReader.required.joined(separator: ",")))
                return nil
            }
            for f in ActivityField.allCases { if let i = index[f.description] { fields[f] = i } }
            self.index = fields
            positions = ActivityField.allCases.map { fields[$0] ?? -1 }
            width = names.count
            dataStart = end < bytes.count ? end + 1 : end
            dataLine = line + 1
        }
    }

    /// What one chunk of a file parsed to: local symbol tables and columns of local ids.
    struct Chunk: Sendable {
        let file: Int
        let path: String
        let header: Header
        var quoted = false
        var regions = ByteInterner(), categories = ByteInterner(), activities = ByteInterner(),
            items = ByteInterner(), technologies = ByteInterner(), units = ByteInterner(), texts = ByteInterner()
        var categoryCodes: [CategoryCode?] = []
        var parsedUnits: [Result<MeasurementUnit, UnitError>] = []
        var unitValid: [Bool] = []
        var region: [Int32] = [], year: [Int32] = [], category: [Int32] = [], activity: [Int32] = [],
            item: [Int32] = [], technology: [Int32] = [], value: [Double] = [], notation: [UInt8] = [],
            unit: [Int32] = [], source: [Int32] = [], note: [Int32] = [], line: [Int32] = [], offset: [Int64] = [],
            facility: [Int32] = [], uncertainty: [Double] = []
        var diagnostics: [Diagnostic] = []
        /// Data records seen (used or rejected).
        var records = 0
        /// Lines consumed (to shift the next chunk's line numbers).
        var lines = 0

        init(file: Int, path: String, header: Header) {
            self.file = file
            self.path = path
            self.header = header
        }

        /// A mask with the high bit set in each byte of `w` equal to `b` (exact: no false positives).
        @inline(__always)
        static func bytesEqual(_ w: UInt64, _ b: UInt8) -> UInt64 {
            let x = w ^ (UInt64(b) &* 0x0101_0101_0101_0101)
            let t = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
            return ~(t | x | 0x7F7F_7F7F_7F7F_7F7F)
        }

        /// A field of the current row: its bytes and where it starts.
        struct Field {
            var start: UnsafePointer<UInt8>
            var count: Int
            var line: Int
            var column: Int
        }

        /// Parses lines without quotes: fields are the bytes between commas.
        mutating func readPlain(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, to: Int) {
            let base = buffer.baseAddress!
            var pos = from
            var lineNo = 1
            var fields: [Field] = []
            fields.reserveCapacity(16)
            let width = header.width
            let p = header.positions
            // The interners and columns are moved out of `self` for the loop (no copy, no exclusivity checks) and
            // moved back at the end.
            var fast = FastState()
            defer { fast.staging.deallocate() }
            swap(&fast.regions, &regions); swap(&fast.categories, &categories); swap(&fast.activities, &activities)
            swap(&fast.items, &items); swap(&fast.technologies, &technologies); swap(&fast.units, &units)
            swap(&fast.texts, &texts)
            defer {
                swap(&fast.regions, &regions); swap(&fast.categories, &categories); swap(&fast.activities, &activities)
                swap(&fast.items, &items); swap(&fast.technologies, &technologies); swap(&fast.units, &units)
                swap(&fast.texts, &texts)
            }
            // Field boundaries of the current line, as offsets: the fast path reads them without building fields.
            let cutBuffer = UnsafeMutablePointer<Int>.allocate(capacity: 64)
            defer { cutBuffer.deallocate() }
            // Room for the rows, estimated from the bytes (untouched capacity costs no memory).
            let estimate = (to - from) / 40 + 16
            region.reserveCapacity(estimate); year.reserveCapacity(estimate); category.reserveCapacity(estimate)
            activity.reserveCapacity(estimate); item.reserveCapacity(estimate); technology.reserveCapacity(estimate)
            value.reserveCapacity(estimate); notation.reserveCapacity(estimate); unit.reserveCapacity(estimate)
            source.reserveCapacity(estimate); note.reserveCapacity(estimate)
            line.reserveCapacity(estimate)
            offset.reserveCapacity(estimate)
            while pos < to {
                // One pass over the line, eight bytes at a time: the commas, the line end, and whether any byte is
                // ≥ 0x80 (columns then count scalars).
                var n = 0
                cutBuffer[0] = pos
                var high: UInt64 = 0
                var i = pos
                var end = to
                while i + 8 <= to {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    var commas = Self.bytesEqual(w, 0x2C)
                    let newline = Self.bytesEqual(w, 0x0A)
                    if newline != 0 {
                        let below = (UInt64(1) << UInt64(newline.trailingZeroBitCount)) &- 1
                        commas &= below
                        high |= w & below
                        while commas != 0 {
                            n += 1
                            cutBuffer[n & 63] = i + commas.trailingZeroBitCount >> 3 + 1
                            commas &= commas &- 1
                        }
                        end = i + newline.trailingZeroBitCount >> 3
                        break
                    }
                    high |= w
                    while commas != 0 {
                        n += 1
                        cutBuffer[n & 63] = i + commas.trailingZeroBitCount >> 3 + 1
                        commas &= commas &- 1
                    }
                    i += 8
                }
                if end == to {
                    // The last bytes of the chunk (fewer than eight before a newline, or none at all).
                    while i < to {
                        let b = base[i]
                        if b == 0x0A { end = i; break }
                        high |= UInt64(b)
                        if b == 0x2C {
                            n += 1
                            cutBuffer[n & 63] = i + 1
                        }
                        i += 1
                    }
                }
                var lineEnd = end
                if lineEnd > pos && base[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let ascii = high & 0x8080_8080_8080_8080 == 0
                let fieldCount = n + 1
                let allEmpty = lineEnd - pos == n
                if !allEmpty {
                    records += 1
                    if !(fieldCount == width
                         && fast.row(base, cutBuffer, lineEnd, p, &self, line: lineNo, offset: pos)) {
                        // The slow path: every check with its message, or a notation key. The rows staged before
                        // it go first.
                        fast.staging.flush(into: &self)
                        fields.removeAll(keepingCapacity: true)
                        var fieldStart = pos
                        for k in pos..<lineEnd where base[k] == 0x2C {
                            fields.append(Field(start: base + fieldStart, count: k - fieldStart, line: lineNo, column: 0))
                            fieldStart = k + 1
                        }
                        fields.append(Field(start: base + fieldStart, count: lineEnd - fieldStart, line: lineNo, column: 0))
                        for k in fields.indices {
                            let startOffset = fields[k].start - (base + pos)
                            fields[k].column = ascii ? startOffset + 1 : Self.scalars(base + pos, startOffset) + 1
                        }
                        swap(&fast.regions, &regions); swap(&fast.categories, &categories)
                        swap(&fast.activities, &activities); swap(&fast.items, &items)
                        swap(&fast.technologies, &technologies); swap(&fast.units, &units); swap(&fast.texts, &texts)
                        row(fields, line: lineNo, offset: Int64(pos))
                        swap(&fast.regions, &regions); swap(&fast.categories, &categories)
                        swap(&fast.activities, &activities); swap(&fast.items, &items)
                        swap(&fast.technologies, &technologies); swap(&fast.units, &units); swap(&fast.texts, &texts)
                    }
                }
                pos = end < to ? end + 1 : end
                lineNo += 1
            }
            fast.staging.flush(into: &self)
            lines = lineNo - 1
        }

        /// The interners during the fast loop.
        struct FastState {
            var regions = ByteInterner(), categories = ByteInterner(), activities = ByteInterner(),
                items = ByteInterner(), technologies = ByteInterner(), units = ByteInterner(), texts = ByteInterner()
            var staging = Staging()

            /// The span of a field without surrounding spaces: start and length.
            @inline(__always)
            static func span(_ base: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> (Int, Int) {
                var a = from, b = to
                while a < b, base[a] == 0x20 || base[a] == 0x09 { a += 1 }
                while b > a, base[b - 1] == 0x20 || base[b - 1] == 0x09 { b -= 1 }
                return (a, b - a)
            }

            /// A valid row without a problem, appended; false (and nothing appended) for anything else, which the
            /// slow path then reads with every check and message. ASCII spaces only are trimmed here; a field with
            /// another space (U+3000) fails a check and goes to the slow path, which trims it.
            @inline(__always)
            mutating func row(_ base: UnsafePointer<UInt8>, _ cut: UnsafeMutablePointer<Int>, _ lineEnd: Int, _ p: [Int],
                              _ c: inout Chunk, line: Int, offset: Int) -> Bool {
                @inline(__always) func field(_ k: Int) -> (Int, Int) {
                    let from = cut[k]
                    let to = k + 1 < c.header.width ? cut[k + 1] - 1 : lineEnd
                    return Self.span(base, from, to)
                }
                @inline(__always) func intern(_ k: Int, _ interner: inout ByteInterner, required: Bool) -> Int32? {
                    let (a, n) = field(k)
                    if n == 0 { return required ? nil : interner.intern(base + a, 0) }
                    // An ideographic space (U+3000) at either end: the slow path trims it.
                    if n >= 3 && (base[a] == 0xE3 && base[a + 1] == 0x80 && base[a + 2] == 0x80
                                  || base[a + n - 3] == 0xE3 && base[a + n - 2] == 0x80 && base[a + n - 1] == 0x80) {
                        return nil
                    }
                    let id = interner.intern(base + a, n)
                    return interner.valid[Int(id)] ? id : nil
                }
                guard let region = intern(p[0], &regions, required: true) else { return false }
                let (ya, yn) = field(p[1])
                guard yn == 4 else { return false }
                let y0 = base[ya] &- 0x30, y1 = base[ya + 1] &- 0x30, y2 = base[ya + 2] &- 0x30, y3 = base[ya + 3] &- 0x30
                guard y0 < 10, y1 < 10, y2 < 10, y3 < 10 else { return false }
                let year = Int32(y0) * 1000 + Int32(y1) * 100 + Int32(y2) * 10 + Int32(y3)
                guard ProjectConfig.yearRange.contains(Int(year)) else { return false }
                guard let category = intern(p[2], &categories, required: true) else { return false }
                while c.categoryCodes.count < categories.strings.count {
                    c.categoryCodes.append(CategoryCode(categories.strings[c.categoryCodes.count]))
                }
                guard c.categoryCodes[Int(category)] != nil else { return false }
                guard let activity = intern(p[3], &activities, required: true),
                      let item = intern(p[4], &items, required: true) else { return false }
                let (va, vn) = field(p[5])
                // A value so large that a unit conversion could overflow takes the checked path.
                guard vn > 0, let value = FastNumber.parse(base + va, vn), abs(value) < 1e280 else { return false }
                guard let unit = intern(p[6], &units, required: true) else { return false }
                while c.parsedUnits.count < units.strings.count {
                    let text = units.strings[c.parsedUnits.count]
                    c.parsedUnits.append(Result { () throws(UnitError) -> MeasurementUnit in try UnitRegistry.parse(text) })
                    c.unitValid.append((try? UnitRegistry.parse(text)) != nil)
                }
                guard c.unitValid[Int(unit)] else { return false }
                guard let source = intern(p[7], &texts, required: false),
                      let note = intern(p[8], &texts, required: false) else { return false }
                var technology: Int32 = -1
                if p[9] >= 0 {
                    let (_, tn) = field(p[9])
                    if tn > 0 {
                        guard let t = intern(p[9], &technologies, required: true) else { return false }
                        technology = t
                    }
                }
                var facility: Int32 = -1
                if p[10] >= 0, field(p[10]).1 > 0 {
                    guard let f = intern(p[10], &texts, required: true) else { return false }
                    facility = f
                }
                var uncertainty = Double.nan
                if p[11] >= 0 {
                    let (ua, un) = field(p[11])
                    if un > 0 {
                        guard let u = FastNumber.parse(base + ua, un), u >= 0, u <= ActivityReader.maxUncertainty
                        else { return false }
                        uncertainty = u
                    }
                }
                staging.put(region, year, category, activity, item, technology, unit, source, note, facility,
                            Int32(line), value, uncertainty, Int64(offset))
                if staging.isFull { staging.flush(into: &c) }
                return true
            }
        }

        /// Rows of the fast path held column by column and appended to the chunk's columns in blocks: one append of
        /// a block per column instead of one append per row and column (each of which checks the array's
        /// uniqueness and capacity). Flushed before a row of the slow path and at the end, so rows keep file order.
        /// It owns its buffers: one is made per chunk read (not copied) and deallocated when the read ends.
        struct Staging {
            static let capacity = 1024
            /// The Int32 columns, `capacity` each, in the order of ``put``.
            private let ints = UnsafeMutablePointer<Int32>.allocate(capacity: 11 * Staging.capacity)
            private let doubles = UnsafeMutablePointer<Double>.allocate(capacity: 2 * Staging.capacity)
            private let offsets = UnsafeMutablePointer<Int64>.allocate(capacity: Staging.capacity)
            private(set) var count = 0

            var isFull: Bool { count == Self.capacity }

            func deallocate() {
                ints.deallocate()
                doubles.deallocate()
                offsets.deallocate()
            }

            @inline(__always)
            mutating func put(_ region: Int32, _ year: Int32, _ category: Int32, _ activity: Int32, _ item: Int32,
                              _ technology: Int32, _ unit: Int32, _ source: Int32, _ note: Int32, _ facility: Int32,
                              _ line: Int32, _ value: Double, _ uncertainty: Double, _ offset: Int64) {
                let k = count, c = Self.capacity
                ints[k] = region; ints[c + k] = year; ints[2 * c + k] = category; ints[3 * c + k] = activity
                ints[4 * c + k] = item; ints[5 * c + k] = technology; ints[6 * c + k] = unit
                ints[7 * c + k] = source; ints[8 * c + k] = note; ints[9 * c + k] = facility; ints[10 * c + k] = line
                doubles[k] = value; doubles[c + k] = uncertainty
                offsets[k] = offset
                count = k + 1
            }

            /// Appends the staged rows to the chunk (notation 0: the fast path reads no notation key) and empties.
            mutating func flush(into chunk: inout Chunk) {
                let n = count, c = Self.capacity
                guard n > 0 else { return }
                func column(_ k: Int) -> UnsafeBufferPointer<Int32> {
                    UnsafeBufferPointer(start: ints + k * c, count: n)
                }
                chunk.region.append(contentsOf: column(0))
                chunk.year.append(contentsOf: column(1))
                chunk.category.append(contentsOf: column(2))
                chunk.activity.append(contentsOf: column(3))
                chunk.item.append(contentsOf: column(4))
                chunk.technology.append(contentsOf: column(5))
                chunk.unit.append(contentsOf: column(6))
                chunk.source.append(contentsOf: column(7))
                chunk.note.append(contentsOf: column(8))
                if chunk.header.positions[ActivityField.facility.rawValue] >= 0 {
                    chunk.facility.append(contentsOf: column(9))
                }
                chunk.line.append(contentsOf: column(10))
                chunk.value.append(contentsOf: UnsafeBufferPointer(start: doubles, count: n))
                if chunk.header.positions[ActivityField.uncertainty.rawValue] >= 0 {
                    chunk.uncertainty.append(contentsOf: UnsafeBufferPointer(start: doubles + c, count: n))
                }
                chunk.notation.append(contentsOf: repeatElement(0, count: n))
                chunk.offset.append(contentsOf: UnsafeBufferPointer(start: offsets, count: n))
                count = 0
            }
        }

        /// Parses a file with quoted fields with the general reader, then the same per-row checks.
        mutating func readQuoted(_ bytes: [UInt8]) {
            quoted = true
            let (all, d, rejected) = CSVReader.parseCounting(bytes, file: path)
            diagnostics += d
            records += max(all.count - 1, 0) + rejected
            var offsets = LineOffsets(bytes)
            for r in all.dropFirst() {
                let utf8 = r.fields.map { Array($0.utf8) }
                var fields: [Field] = []
                let offset = Int64(offsets.offset(ofLine: r.line))
                // Keep the decoded fields alive while the row is checked.
                withExtendedLifetime(utf8) {
                    for (k, f) in utf8.enumerated() {
                        f.withUnsafeBufferPointer { p in
                            fields.append(Field(start: p.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: f.count,
                                                line: r.lines[k], column: r.columns[k]))
                        }
                    }
                    row(fields, line: r.line, offset: offset)
                }
            }
        }

        static func scalars(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int {
            var c = 0
            for i in 0..<n where p[i] & 0xC0 != 0x80 { c += 1 }
            return c
        }

        /// The field's bytes without surrounding spaces (ASCII space, tab, CR, LF, U+3000).
        static func trimmed(_ f: Field) -> (UnsafePointer<UInt8>, Int) {
            var s = f.start, n = f.count
            while n > 0 {
                let b = s[0]
                if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { s += 1; n -= 1; continue }
                if n >= 3, b == 0xE3, s[1] == 0x80, s[2] == 0x80 { s += 3; n -= 3; continue }
                break
            }
            while n > 0 {
                let b = s[n - 1]
                if b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A { n -= 1; continue }
                if n >= 3, b == 0x80, s[n - 2] == 0x80, s[n - 3] == 0xE3 { n -= 3; continue }
                break
            }
            return (s, n)
        }

        static func text(_ p: UnsafePointer<UInt8>, _ n: Int) -> String {
            String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        }

        /// Reports a problem of the current row.
        private mutating func problem(_ code: DiagnosticCode, _ f: Field, _ message: String) {
            diagnostics.append(.error(code, at: InputLocation(file: path, line: f.line, column: f.column), message))
        }

        /// An interned field: -1 (and a problem) when required and empty.
        @inline(__always)
        private static func intern(_ f: Field, required what: String?, _ name: ActivityField,
                                   into interner: inout ByteInterner, path: String, diagnostics: inout [Diagnostic],
                                   ok: inout Bool) -> Int32 {
            let (p, n) = trimmed(f)
            if n == 0, let what {
                diagnostics.append(.error(.emptyField, at: InputLocation(file: path, line: f.line, column: f.column),
                                          "empty '\(name)'; expected \(what)"))
                ok = false
                return -1
            }
            let id = interner.intern(p, n)
            if !interner.valid[Int(id)] {
                diagnostics.append(.error(.fileFormat, at: InputLocation(file: path, line: f.line, column: f.column),
                    "field is not valid UTF-8; expected the file to be saved as UTF-8 (not GBK/GB18030)"))
                ok = false
            }
            return id
        }

        /// Checks one row and appends it, or reports every problem of it.
        mutating func row(_ fields: [Field], line: Int, offset: Int64) {
            let h = header
            if fields.count != h.width {
                diagnostics.append(.error(.columnCount, at: InputLocation(file: path, line: fields.first?.line ?? line),
                    "row has \(fields.count) field\(fields.count == 1 ? "" : "s"); expected \(h.width) "
                        + "(\(h.names.joined(separator: ",")))"))
                return
            }
            var ok = true
            let pos = h.positions
            let region = Self.intern(fields[pos[0]], required: "a region code of regions.csv", .region, into: &regions, path: path, diagnostics: &diagnostics, ok: &ok)
            // Year.
            var year: Int32 = 0
            do {
                let fl = fields[pos[1]]
                let (p, n) = Self.trimmed(fl)
                if n == 4, p[0] &- 0x30 < 10, p[1] &- 0x30 < 10, p[2] &- 0x30 < 10, p[3] &- 0x30 < 10 {
                    year = (Int32(p[0]) - 48) * 1000 + (Int32(p[1]) - 48) * 100 + (Int32(p[2]) - 48) * 10 + Int32(p[3]) - 48
                } else if n == 0 {
                    problem(.emptyField, fl, "empty 'year'; expected a year such as 2020")
                    ok = false
                } else if let y = Int(Self.text(p, n)) {
                    year = Int32(clamping: y)
                } else {
                    year = 0
                }
                if n > 0 && !ProjectConfig.yearRange.contains(Int(year)) {
                    problem(.malformedNumber, fl,
                            "malformed year '\(Self.text(p, n))' in 'year'; expected a four-digit year such as 2020")
                    ok = false
                }
            }
            var category: Int32 = -1
            let cf = fields[pos[2]]
            let c = Self.intern(cf, required: "an IPCC 2006 category code such as 1.A.1.a", .category, into: &categories, path: path, diagnostics: &diagnostics, ok: &ok)
            if c >= 0 {
                while categoryCodes.count < categories.strings.count {
                    categoryCodes.append(CategoryCode(categories.strings[categoryCodes.count]))
                }
                if categoryCodes[Int(c)] == nil {
                    problem(.unknownCategory, cf, "malformed category '\(categories.strings[Int(c)])'; expected "
                        + "dot-separated segments such as 1.A.1.a")
                    ok = false
                } else {
                    category = c
                }
            }
            let activity = Self.intern(fields[pos[3]], required: "an activity kind such as fuel_combustion", .activity, into: &activities, path: path, diagnostics: &diagnostics, ok: &ok)
            let item = Self.intern(fields[pos[4]], required: "an item such as raw_coal", .item, into: &items, path: path, diagnostics: &diagnostics, ok: &ok)
            // Value: a number or a notation key; then the unit.
            var value = 0.0
            var notationKey: UInt8 = 0
            var unitID: Int32 = -1
            let vf = fields[pos[5]]
            let (vp, vn) = Self.trimmed(vf)
            var needsUnit = false, unitOptional = false
            if let v = FastNumber.parse(vp, vn) {
                value = v
                needsUnit = true
            } else if let k = Self.notation(vp, vn) {
                notationKey = k
                unitOptional = true
            } else if vn == 0 {
                problem(.emptyField, vf, "empty 'value'; expected a number or a notation key (NO, NE, NA, IE, C)")
                ok = false
            } else {
                problem(.malformedNumber, vf, "malformed number '\(Self.text(vp, vn))' in 'value'; expected a decimal "
                    + "number such as 1234.5 or a notation key (NO, NE, NA, IE, C)")
                ok = false
            }
            if needsUnit || unitOptional {
                let uf = fields[pos[6]]
                let (up, un) = Self.trimmed(uf)
                if un == 0 {
                    if needsUnit {
                        problem(.emptyField, uf, "empty 'unit'; expected a unit such as t, 万吨 or GJ/t")
                        ok = false
                    }
                } else {
                    let u = units.intern(up, un)
                    while parsedUnits.count < units.strings.count {
                        let text = units.strings[parsedUnits.count]
                        parsedUnits.append(Result { () throws(UnitError) -> MeasurementUnit in try UnitRegistry.parse(text) })
                        unitValid.append((try? UnitRegistry.parse(text)) != nil)
                    }
                    switch parsedUnits[Int(u)] {
                    case let .success(unit) where needsUnit && !unit.toBase(value).isFinite:
                        problem(.malformedNumber, vf, "value '\(Self.text(vp, vn))' \(unit.symbol) is beyond the range of a "
                            + "number once converted to \(unit.baseSymbol); expected a value of realistic size")
                        ok = false
                    case .success: unitID = u
                    case let .failure(e):
                        problem(.unknownUnit, uf, e.description)
                        ok = false
                    }
                }
            }
            let source = Self.intern(fields[pos[7]], required: nil, .source, into: &texts, path: path, diagnostics: &diagnostics, ok: &ok)
            let note = Self.intern(fields[pos[8]], required: nil, .note, into: &texts, path: path, diagnostics: &diagnostics, ok: &ok)
            var technology: Int32 = -1
            if pos[9] >= 0, Self.trimmed(fields[pos[9]]).1 > 0 {
                technology = Self.intern(fields[pos[9]], required: nil, .technology, into: &technologies, path: path, diagnostics: &diagnostics, ok: &ok)
            }
            var facility: Int32 = -1
            if pos[10] >= 0, Self.trimmed(fields[pos[10]]).1 > 0 {
                facility = Self.intern(fields[pos[10]], required: nil, .facility, into: &texts, path: path, diagnostics: &diagnostics, ok: &ok)
            }
            var uncertainty = Double.nan
            if pos[11] >= 0 {
                let uf = fields[pos[11]]
                let (up, un) = Self.trimmed(uf)
                if un > 0 {
                    if let u = FastNumber.parse(up, un), u >= 0, u <= ActivityReader.maxUncertainty {
                        uncertainty = u
                    } else {
                        problem(.malformedNumber, uf, "'uncertainty' '\(Self.text(up, un))' is not a percentage; expected "
                            + "± % at the 95 % level, a number from 0 to \(Int(ActivityReader.maxUncertainty)) such as 5 "
                            + "(or empty)")
                        ok = false
                    }
                }
            }
            guard ok else { return }
            append(region: region, year: year, category: category, activity: activity, item: item,
                   technology: technology, value: value, notation: notationKey, unit: unitID, source: source, note: note,
                   facility: facility, uncertainty: uncertainty)
            self.line.append(Int32(line))
            self.offset.append(offset)
        }

        /// Appends one row's columns (the line and offset are appended by the caller).
        @inline(__always)
        mutating func append(region: Int32, year: Int32, category: Int32, activity: Int32, item: Int32,
                             technology: Int32, value: Double, notation: UInt8, unit: Int32, source: Int32,
                             note: Int32, facility: Int32, uncertainty: Double) {
            if header.positions[ActivityField.facility.rawValue] >= 0 { self.facility.append(facility) }
            if header.positions[ActivityField.uncertainty.rawValue] >= 0 { self.uncertainty.append(uncertainty) }
            self.region.append(region)
            self.year.append(year)
            self.category.append(category)
            self.activity.append(activity)
            self.item.append(item)
            self.technology.append(technology)
            self.value.append(value)
            self.notation.append(notation)
            self.unit.append(unit)
            self.source.append(source)
            self.note.append(note)
        }

        /// 1 + the index of a notation key in ``NotationKey/allCases``, or nil.
        static func notation(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt8? {
            guard n == 1 || n == 2 else { return nil }
            let s = text(p, n)
            guard let k = NotationKey(rawValue: s) else { return nil }
            return UInt8(NotationKey.allCases.firstIndex(of: k)! + 1)
        }
    }

    /// Merges chunks into one table, remapping local ids to global ones in first-use order.
    struct Merger {
        var table = ActivityTable()
        var rowInFile: [Int32] = []
        /// The input index of each file symbol.
        var fileInputs: [Int] = []
        private var maps: [String: Int32] = [:]

        mutating func global(_ kind: UInt8, _ text: String, add: (inout ActivityTable.Symbols) -> Int) -> Int32 {
            let key = String(UnicodeScalar(kind)) + text
            if let id = maps[key] { return id }
            let id = Int32(add(&table.symbols))
            maps[key] = id
            return id
        }

        /// A chunk waiting to be copied into the table, with its symbol ids mapped to the table's.
        private struct Part {
            var chunk: Chunk
            var fileID: Int32, lineShift: Int32, offsetBase: Int32
            var regions: [Int32], categories: [Int32], activities: [Int32], items: [Int32], technologies: [Int32],
                units: [Int32], texts: [Int32]
        }
        private var parts: [Part] = []

        /// Interns a chunk's symbols (in chunk order, so ids do not depend on the thread count); the rows are copied
        /// by ``finish(threads:)``.
        mutating func add(_ c: Chunk, file: String, lineShift: Int, offsets: inout [Int64]) {
            let fileID = global(0, file) { $0.files.append(file); return $0.files.count - 1 }
            if fileInputs.count <= Int(fileID) { fileInputs.append(c.file) }
            func remap(_ local: [String], _ kind: UInt8, _ add: @escaping (inout ActivityTable.Symbols, String) -> Int)
                -> [Int32] {
                var out = [Int32](repeating: -1, count: local.count)
                for (i, s) in local.enumerated() { out[i] = global(kind, s) { add(&$0, s) } }
                return out
            }
            let regions = remap(c.regions.strings, 1) { $0.regions.append($1); return $0.regions.count - 1 }
            let categories = remap(c.categories.strings, 2) { sym, s in
                sym.categories.append(CategoryCode(s) ?? CategoryCode("0")!); return sym.categories.count - 1
            }
            let activities = remap(c.activities.strings, 3) { $0.activities.append(ActivityKind($1)); return $0.activities.count - 1 }
            let items = remap(c.items.strings, 4) { $0.items.append($1); return $0.items.count - 1 }
            let technologies = remap(c.technologies.strings, 5) { $0.technologies.append($1); return $0.technologies.count - 1 }
            var units = [Int32](repeating: -1, count: c.units.strings.count)
            for (i, s) in c.units.strings.enumerated() {
                if case let .success(u) = c.parsedUnits[i] {
                    units[i] = global(6, s) { $0.units.append(u); return $0.units.count - 1 }
                }
            }
            let texts = remap(c.texts.strings, 7) { $0.texts.append($1); return $0.texts.count - 1 }
            parts.append(Part(chunk: c, fileID: fileID, lineShift: Int32(lineShift), offsetBase: Int32(offsets.count),
                              regions: regions, categories: categories, activities: activities, items: items,
                              technologies: technologies, units: units, texts: texts))
            offsets += c.offset
        }

        /// Copies the chunks' rows into the table, column by column in parallel.
        ///
        /// - Complexity: O(rows × columns), split over `threads` by column.
        mutating func finish(threads: Int) {
            let parts = self.parts
            self.parts = []
            let total = parts.reduce(0) { $0 + $1.chunk.region.count }
            // One column: the chunks' values in order, through a map of symbol ids (or shifted, or as they are).
            func column(_ k: Int) -> [Int32] {
                [Int32](unsafeUninitializedCapacity: total) { buffer, count in
                    var o = 0
                    for p in parts {
                        let c = p.chunk, n = c.region.count
                        func mapped(_ source: [Int32], _ ids: [Int32]) {
                            source.withUnsafeBufferPointer { src in
                                ids.withUnsafeBufferPointer { ids in
                                    for i in 0..<n { let v = src[i]; buffer[o + i] = v < 0 ? -1 : ids[Int(v)] }
                                }
                            }
                        }
                        func shifted(_ source: [Int32], _ shift: Int32) {
                            source.withUnsafeBufferPointer { src in for i in 0..<n { buffer[o + i] = src[i] &+ shift } }
                        }
                        switch k {
                        case 0: for i in 0..<n { buffer[o + i] = p.fileID }
                        case 1: shifted(c.line, p.lineShift)
                        case 2: mapped(c.region, p.regions)
                        case 3: shifted(c.year, 0)
                        case 4: mapped(c.category, p.categories)
                        case 5: mapped(c.activity, p.activities)
                        case 6: mapped(c.item, p.items)
                        case 7: mapped(c.technology, p.technologies)
                        case 8: mapped(c.unit, p.units)
                        case 9: mapped(c.source, p.texts)
                        case 10: mapped(c.note, p.texts)
                        case 12:
                            if c.facility.count == n { mapped(c.facility, p.texts) }
                            else { for i in 0..<n { buffer[o + i] = -1 } }
                        default: for i in 0..<n { buffer[o + i] = p.offsetBase + Int32(i) }
                        }
                        o += n
                    }
                    count = total
                }
            }
            // The columns of values in order, copied as they are (a chunk without uncertainties gives NaN).
            func concatenated<T>(_ column: (Chunk) -> [T], missing: T) -> [T] {
                [T](unsafeUninitializedCapacity: total) { buffer, count in
                    var o = 0
                    for p in parts {
                        let n = p.chunk.region.count, source = column(p.chunk)
                        if source.count == n {
                            source.withUnsafeBufferPointer { src in
                                _ = UnsafeMutableBufferPointer(rebasing: buffer[o..<(o + n)]).initialize(from: src)
                            }
                        } else {
                            UnsafeMutableBufferPointer(rebasing: buffer[o..<(o + n)]).initialize(repeating: missing)
                        }
                        o += n
                    }
                    count = total
                }
            }
            enum Merged: Sendable { case ids([Int32]), numbers([Double]), notations([UInt8]) }
            let hasFacility = parts.contains { !$0.chunk.facility.isEmpty }
            let hasUncertainty = parts.contains { !$0.chunk.uncertainty.isEmpty }
            // Every column at once, the widest first: -1 values, -2 uncertainties, -3 notations, else id columns.
            let tasks = [-1] + (hasUncertainty ? [-2] : []) + Array(0..<12) + (hasFacility ? [12] : []) + [-3]
            let merged: [Merged] = Parallel.map(tasks.count, threads: threads) { i in
                switch tasks[i] {
                case -1: .numbers(concatenated({ $0.value }, missing: 0))
                case -2: .numbers(concatenated({ $0.uncertainty }, missing: .nan))
                case -3: .notations(concatenated({ $0.notation }, missing: 0))
                default: .ids(column(tasks[i]))
                }
            }
            func ids(_ k: Int) -> [Int32] {
                guard let i = tasks.firstIndex(of: k), case let .ids(c) = merged[i] else { return [] }
                return c
            }
            table.file = ids(0)
            table.line = ids(1)
            table.region = ids(2)
            table.year = ids(3)
            table.category = ids(4)
            table.activity = ids(5)
            table.item = ids(6)
            table.technology = ids(7)
            table.unit = ids(8)
            table.source = ids(9)
            table.note = ids(10)
            rowInFile = ids(11)
            table.facility = ids(12)
            if case let .numbers(v) = merged[0] { table.value = v }
            if hasUncertainty, case let .numbers(u) = merged[1] { table.uncertainty = u }
            if case let .notations(n) = merged[tasks.count - 1] { table.notation = n }
        }
    }
}

/// The byte offset of each line of a file, for locating records of the general reader.
struct LineOffsets {
    private var starts: [Int] = [0]
    private let bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    /// The offset where a 1-based line starts.
    mutating func offset(ofLine line: Int) -> Int {
        var i = starts.last!
        while starts.count < line && i < bytes.count {
            if bytes[i] == 0x0A { starts.append(i + 1) }
            i += 1
        }
        return line <= starts.count ? starts[line - 1] : bytes.count
    }
}

/// Finds the line and column of a field by reading the row again from its byte offset (columns are not kept for
/// millions of rows; a message needs one only now and then).
final class FileColumnLocator: ActivityColumnLocator, @unchecked Sendable {
    private let files: [(absolute: String, relative: String)]
    private let headers: [[ActivityField: Int]]
    private let rowFile: [Int]
    private let offsets: [[Int64]]
    private let rowInFile: [Int32]

    /// The text of files converted from another encoding (their offsets refer to it, not to the file on disk).
    private let converted: [FileBytes?]

    init(files: [(String, String)], converted: [FileBytes?], headers: [[ActivityField: Int]], rowFile: [Int],
         offsets: [[Int64]], rowInFile: [Int32]) {
        self.files = files.map { (absolute: $0.0, relative: $0.1) }
        self.converted = converted
        self.headers = headers
        self.rowFile = rowFile
        self.offsets = offsets
        self.rowInFile = rowInFile
    }

    func locate(row: Int, field: ActivityField) -> (lineOffset: Int, column: Int)? {
        guard row < rowFile.count else { return nil }
        let f = Int(rowFile[row])
        guard let position = headers[f][field] else { return nil }
        let offset = offsets[f][Int(rowInFile[row])]
        if let text = converted[f] {
            let start = min(Int(offset), text.buffer.count)
            let (records, _) = CSVReader.parse(Array(text.buffer[start..<min(text.buffer.count, start + (1 << 20))]),
                                               file: files[f].relative)
            guard let r = records.first, position < r.columns.count else { return nil }
            return (r.lines[position] - r.line, r.columns[position])
        }
        guard let handle = FileHandle(forReadingAtPath: files[f].absolute) else { return nil }
        defer { try? handle.close() }
        try? handle.seek(toOffset: UInt64(offset))
        let data = (try? handle.read(upToCount: 1 << 20)) ?? Data()
        let (records, _) = CSVReader.parse([UInt8](data), file: files[f].relative)
        guard let r = records.first, position < r.columns.count else { return nil }
        return (r.lines[position] - r.line, r.columns[position])
    }
}
