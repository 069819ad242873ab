import Foundation

/// Wall-clock times of the pipeline's phases, printed to standard error when `GHG_TIMING=1` (for profiling; the
/// benchmark reports whole runs), with the process's CPU time (user and system, all threads) over the same span:
/// a phase whose CPU time is near twice its wall time kept both cores busy.
public struct PhaseTimer {
    private let enabled = ProcessInfo.processInfo.environment["GHG_TIMING"] == "1"
    private var last = DispatchTime.now()
    private var lastCPU = PhaseTimer.cpuMilliseconds()

    /// Starts timing now.
    public init() {}

    /// The process's user and system CPU time so far, in ms.
    private static func cpuMilliseconds() -> Double {
        var u = rusage()
        getrusage(RUSAGE_SELF.rawValue, &u)
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(u.ru_utime) + ms(u.ru_stime)
    }

    /// Prints the time since the previous mark.
    public mutating func mark(_ phase: String) {
        guard enabled else { return }
        let now = DispatchTime.now()
        let cpu = Self.cpuMilliseconds()
        let ms = Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e6
        FileHandle.standardError.write(Data("[timing] \(phase): \(Int(ms)) ms (cpu \(Int(cpu - lastCPU)) ms)\n".utf8))
        last = now
        lastCPU = cpu
    }
}
