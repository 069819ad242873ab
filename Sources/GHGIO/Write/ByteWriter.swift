import GHGCore

/// A byte buffer for large outputs: text is written straight into memory it owns (no array growth, no reference
/// counting per write) and handed to its sink in chunks of a few megabytes.
///
/// Numbers are written by ``FastDecimal`` (the one number formatter); integers by a small digit loop.
struct ByteWriter<S: OutputSink> {
    /// Where the bytes go.
    var sink: S
    private let capacity: Int
    private let buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    /// Bytes kept free beyond `capacity`, so that a number or a short field always fits without a check.
    private static var slack: Int { 1024 }

    init(_ sink: S, capacity: Int = 4 << 20) {
        self.sink = sink
        self.capacity = capacity
        buffer = .allocate(capacity: capacity + Self.slack)
    }

    /// Hands everything to the sink, releases the memory and returns the sink.
    mutating func finish() -> S {
        flush()
        buffer.deallocate()
        return sink
    }

    private mutating func flush() {
        guard count > 0 else { return }
        sink.write(UnsafeRawBufferPointer(start: buffer, count: count))
        count = 0
    }

    /// Flushes when the buffer is full; call once per record.
    @inline(__always) mutating func endRecord() { if count >= capacity { flush() } }

    /// Writes one byte.
    @inline(__always) mutating func byte(_ b: UInt8) {
        buffer[count] = b
        count += 1
    }

    /// Writes bytes of any length.
    @inline(__always) mutating func bytes(_ b: [UInt8]) {
        b.withUnsafeBufferPointer { raw($0) }
    }

    /// Writes raw bytes of any length; afterwards at least the slack is free again.
    mutating func raw(_ p: UnsafeBufferPointer<UInt8>) {
        var from = 0
        while from < p.count {
            if count >= capacity { flush() }
            let n = min(p.count - from, capacity + Self.slack - count)
            (buffer + count).update(from: p.baseAddress! + from, count: n)
            count += n
            from += n
        }
        if count >= capacity { flush() }
    }

    /// Writes one of the texts of `texts` (through a pointer into its bytes: no copy of the table, no reference
    /// counting per write).
    @inline(__always) mutating func piece(_ texts: UnsafePointer<UInt8>, _ start: UnsafePointer<Int>, _ i: Int) {
        let from = start[i], n = start[i + 1] - from
        if _slowPath(count + n > capacity + Self.slack) {
            raw(UnsafeBufferPointer(start: texts + from, count: n))
            return
        }
        (buffer + count).update(from: texts + from, count: n)
        count += n
    }

    /// Writes the UTF-8 bytes of a literal.
    @inline(__always) mutating func text(_ s: StaticString) { s.withUTF8Buffer { raw($0) } }

    /// Writes the UTF-8 bytes of a string.
    mutating func text(_ s: String) {
        var s = s
        s.withUTF8 { raw($0) }
    }

    /// Writes a number: the shortest decimal that reads back as the same double, positional. Numbers of extreme
    /// magnitude (more than 300 digits) go through a flush first.
    @inline(__always) mutating func number(_ x: Double) {
        if count > capacity + Self.slack - FastDecimal.maxLength - 8 { flush() }
        count += FastDecimal.write(x, to: buffer + count)
    }

    /// Writes an integer in decimal.
    @inline(__always) mutating func int(_ x: Int) {
        var n = x.magnitude
        if x < 0 { byte(0x2D) }
        if n < 10 { byte(UInt8(48 + n)); return }
        var digits = 0
        var m = n
        while m > 0 { digits += 1; m /= 10 }
        var i = count + digits - 1
        while n > 0 {
            buffer[i] = UInt8(48 + n % 10)
            n /= 10
            i -= 1
        }
        count += digits
    }

    /// Writes a text field escaped by ``CSVWriter/escape(_:)``, straight from the string's bytes (no copy when it
    /// needs no escaping).
    mutating func field(_ s: String) {
        var s = s
        s.withUTF8 { u in
            let (prefix, quote) = CSVWriter.escaping(u)
            guard prefix || quote else { raw(u); return }
            CSVWriter.appendEscaped(u, prefix: prefix, quote: quote) { b in
                byte(b)
                if count >= capacity { flush() }
            }
        }
    }

    /// Writes a text field escaped by ``CSVWriter/escape(_:)``, keeping the escaped bytes of up to 100 000 distinct
    /// texts in `cache` (regions, indicator keys, check names and statuses repeat on every row).
    mutating func escaped(_ s: String, cache: inout [String: [UInt8]]) {
        if let e = cache[s] { bytes(e); return }
        let e = Array(CSVWriter.escape(s).utf8)
        if cache.count < 100_000 { cache[s] = e }
        bytes(e)
    }
}

/// Texts written over and over (a region's code and extent, a category's names), escaped once and kept end to end in
/// one array, for ``ByteWriter/piece(_:_:_:)``.
struct ByteTexts {
    /// The bytes of every text, end to end.
    private(set) var bytes: [UInt8] = []
    /// Where text `i` begins; it ends where `i + 1` begins.
    private(set) var start: [Int] = [0]

    /// Appends a text; its index is the number of texts before it.
    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
        start.append(bytes.count)
    }

    /// Calls `body` with pointers to the bytes and the starts.
    func withPointers<R>(_ body: (UnsafePointer<UInt8>, UnsafePointer<Int>) -> R) -> R {
        bytes.withUnsafeBufferPointer { b in
            start.withUnsafeBufferPointer { s in body(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, s.baseAddress!) }
        }
    }
}
