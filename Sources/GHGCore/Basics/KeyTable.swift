/// A hash table from small fixed-size integer keys to `Int32` values, for the hot paths of planning (duplicate rows,
/// row signatures): open addressing with linear probing and a multiply-xorshift hash, no `Hasher`, no allocation per
/// lookup.
///
/// - Complexity: O(1) expected per lookup and insertion; the table doubles when half full.
struct KeyTable {
    /// A key of up to four 64-bit words.
    struct Key: Equatable {
        var a: UInt64, b: UInt64, c: UInt64, d: UInt64
        init(_ a: UInt64, _ b: UInt64 = 0, _ c: UInt64 = 0, _ d: UInt64 = 0) {
            self.a = a
            self.b = b
            self.c = c
            self.d = d
        }

        @inline(__always) var hash: UInt64 {
            var h = a &* 0x9E37_79B9_7F4A_7C15
            h = (h ^ (h >> 29) ^ b) &* 0xBF58_476D_1CE4_E5B9
            h = (h ^ (h >> 32) ^ c) &* 0x94D0_49BB_1331_11EB
            h = (h ^ (h >> 29) ^ d) &* 0x9E37_79B9_7F4A_7C15
            return h ^ (h >> 32)
        }
    }

    private var keys: [Key]
    private var values: [Int32]
    private var used: [Bool]
    private(set) var count = 0

    init(capacity: Int = 16) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        keys = [Key](repeating: Key(0), count: c)
        values = [Int32](repeating: 0, count: c)
        used = [Bool](repeating: false, count: c)
    }

    /// The value for a key, if present.
    @inline(__always)
    func get(_ k: Key) -> Int32? {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k.hash) & mask
        while used[i] {
            if keys[i] == k { return values[i] }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Inserts a key that is not present, or returns the value already there (and inserts nothing).
    @inline(__always)
    mutating func insert(_ k: Key, _ v: Int32) -> Int32? {
        var mask = keys.count - 1
        var i = Int(truncatingIfNeeded: k.hash) & mask
        while used[i] {
            if keys[i] == k { return values[i] }
            i = (i + 1) & mask
        }
        if (count + 1) * 2 > keys.count {
            grow()
            mask = keys.count - 1
            i = Int(truncatingIfNeeded: k.hash) & mask
            while used[i] { i = (i + 1) & mask }
        }
        keys[i] = k
        values[i] = v
        used[i] = true
        count += 1
        return nil
    }

    /// Empties the table, keeping room for `capacity` keys without growing (a scratch reused bucket by bucket).
    ///
    /// - Complexity: O(table size).
    mutating func reset(capacity: Int) {
        var c = 16
        while c < capacity * 2 { c <<= 1 }
        if c > keys.count || c * 4 < keys.count {
            keys = [Key](repeating: Key(0), count: c)
            values = [Int32](repeating: 0, count: c)
            used = [Bool](repeating: false, count: c)
        } else {
            for i in used.indices { used[i] = false }
        }
        count = 0
    }

    private mutating func grow() {
        let oldKeys = keys, oldValues = values, oldUsed = used
        let c = keys.count * 2
        keys = [Key](repeating: Key(0), count: c)
        values = [Int32](repeating: 0, count: c)
        used = [Bool](repeating: false, count: c)
        count = 0
        for i in oldKeys.indices where oldUsed[i] { _ = insert(oldKeys[i], oldValues[i]) }
    }
}
