import Foundation

/// Progress of long work on standard error: a bar redrawn in place on a terminal, a line every tenth otherwise.
struct ProgressBar {
    let total: Int
    let label: String
    private var done = 0
    private var lastDrawn = Date.distantPast
    private var lastDecile = -1
    private let isTerminal = isatty(STDERR_FILENO) != 0

    init(total: Int, label: String) {
        self.total = total
        self.label = label
    }

    mutating func advance(by count: Int = 1) {
        done += count
        if isTerminal {
            let now = Date()
            if now.timeIntervalSince(lastDrawn) > 0.1 || done == total {
                lastDrawn = now
                draw()
            }
        } else if total > 0 {
            let decile = done * 10 / total
            if decile != lastDecile {
                lastDecile = decile
                FileHandle.standardError.write(Data("\(label): \(done)/\(total)\n".utf8))
            }
        }
    }

    func finish() {
        if isTerminal {
            draw()
            FileHandle.standardError.write(Data("\n".utf8))
        }
    }

    private func draw() {
        let width = 30
        let filled = total == 0 ? width : min(width, done * width / total)
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total)".utf8))
    }
}
