import Foundation

/// Wall-clock times of the pipeline's phases, printed to standard error when `GHG_TIMING=1` (for profiling; the
/// benchmark reports whole runs).
struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["GHG_TIMING"] == "1"
    private var last = DispatchTime.now()

    /// Prints the time since the previous mark.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data("[timing] \(phase): \(Int(ms)) ms\n".utf8))
        last = now
    }
}
