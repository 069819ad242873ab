import GHGTestSupport
import Testing
import GHGCore

private func hex(_ s: String) -> String { SHA256.hex(Array(s.utf8)) }

@Suite("SHA256")
struct SHA256Tests {
    // FIPS 180-4 example vectors (NIST CSRC "Example Algorithms", SHA-256; FIPS 180-2 Appendix B).
    @Test func emptyString() {
        #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abc() {
        #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessage448Bits() {
        #expect(hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func message896Bits() {
        #expect(hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrs"
                    + "mnopqrstnopqrstu")
            == "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1")
    }

    @Test func oneMillionA() {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(bytes) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    // Messages around the padding boundaries (55, 56, 63, 64, 119, 120 bytes); digests from coreutils `sha256sum`.
    @Test("padding boundaries", arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
    ])
    func paddingBoundaries(_ count: Int, _ digest: String) {
        #expect(SHA256.hex([UInt8](repeating: UInt8(ascii: "a"), count: count)) == digest)
    }

    @Test("chunked updates equal one-shot hashing", arguments: [1, 63, 64, 65])
    func chunked(_ size: Int) {
        // 1000 bytes of varied content, so every block differs.
        let message = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let oneShot = SHA256.hex(message)
        // Python: hashlib.sha256(bytes((i*31+7)&255 for i in range(1000))).hexdigest()
        #expect(oneShot == "5097e7d587352f5097062ae679f37bda5802d9f875aba14c8cb4d1a188ada179")
        var h = SHA256()
        var i = 0
        while i < message.count {
            h.update(message[i..<min(i + size, message.count)])
            i += size
        }
        #expect(SHA256.hexString(h.finalize()) == oneShot)

        // The million-a vector, fed in the same chunk size.
        var m = SHA256()
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: size)
        for _ in 0..<(1_000_000 / size) { m.update(chunk) }
        m.update([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000 % size))
        #expect(SHA256.hexString(m.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func stringUpdateHashesUTF8() {
        var h = SHA256()
        h.update("a")
        h.update("bc")
        #expect(SHA256.hexString(h.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // 万吨 is six UTF-8 bytes; the string and byte forms agree.
        var s = SHA256()
        s.update("万吨")
        // printf '万吨' | sha256sum
        #expect(SHA256.hexString(s.finalize()) == "d72d07030ea65678b34fefe482860c093b03856af66d8343bd8643368baba5ff")
        #expect(SHA256.hex([0xE4, 0xB8, 0x87, 0xE5, 0x90, 0xA8]) == hex("万吨"))
    }

    @Test func hexStringIsLowerCaseTwoDigitsPerByte() {
        #expect(SHA256.hexString([0x00, 0x0f, 0xa0, 0xff]) == "000fa0ff")
        #expect(hex("abc").count == 64)
    }
}

/// The first `count` bytes of the SplitMix64 stream with seed 0x5EED, little-endian words (the stream the digests in
/// SHA256StreamDigests.swift were computed over with coreutils `sha256sum`).
private func stream(_ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var s: UInt64 = 0x5EED
    var i = 0
    while i < count {
        s &+= 0x9E37_79B9_7F4A_7C15
        var z = s
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        for j in 0..<8 where i + j < count { out[i + j] = UInt8(truncatingIfNeeded: z >> (8 * UInt64(j))) }
        i += 8
    }
    return out
}

/// The digest of `bytes` on one path: the default (the x86 SHA extensions where the CPU has them) or the Swift
/// compression function only, fed in pieces of `chunk` bytes.
private func digest(_ bytes: [UInt8], portable: Bool, chunk: Int = .max) -> String {
    var h = SHA256()
    h.portableOnly = portable
    var i = 0
    while i < bytes.count {
        let j = min(bytes.count, i + chunk)
        h.update(bytes[i..<j])
        i = j
    }
    return SHA256.hexString(h.finalize())
}

@Suite("SHA256 on both compression paths")
struct SHA256PathTests {
    @Test("every length 0…300 of the test stream, whole and byte by byte, on both paths", arguments: [false, true])
    func prefixes(portable: Bool) {
        let data = stream(300)
        for n in 0...300 {
            let prefix = Array(data[0..<n])
            #expect(digest(prefix, portable: portable) == prefixDigests[n], "length \(n)")
            if n % 37 == 0 { #expect(digest(prefix, portable: portable, chunk: 1) == prefixDigests[n], "length \(n), bytes") }
        }
    }

    @Test("1 MiB in ragged pieces, on both paths, equals sha256sum", arguments: [false, true])
    func oneMebibyte(portable: Bool) {
        let data = stream(1 << 20)
        #expect(digest(data, portable: portable) == digest1MiB)
        #expect(digest(data, portable: portable, chunk: 4093) == digest1MiB)
    }

    @Test("the paths agree on unaligned random slices")
    func pathsAgree() {
        let data = stream(70_000)
        var s: UInt64 = 7
        for _ in 0..<60 {
            s = s &* 6364136223846793005 &+ 1442695040888963407
            let start = Int(s >> 48) % 1000, length = Int(s >> 20) % 60_000
            let slice = Array(data[start..<(start + length)])
            #expect(digest(slice, portable: false, chunk: 777) == digest(slice, portable: true))
        }
    }
}
