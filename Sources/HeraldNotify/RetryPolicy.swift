import HeraldCore

/// How often and how patiently a delivery is retried: after a network error, a timeout, a 5xx
/// answer or 429 Too Many Requests, with exponential backoff (1 s, 2 s, 4 s, … by default).
package struct RetryPolicy: Sendable {
    /// How many times a request is sent at most, the first time included.
    package var attempts: Int
    /// The wait before the first retry; each further retry waits twice as long.
    package var baseDelay: Duration
    /// The longest wait between two attempts.
    package var maximumDelay: Duration
    /// How long one request may take.
    package var timeout: Duration
    /// Waits between attempts; tests pass one that returns at once.
    package var sleep: @Sendable (Duration) async throws -> Void

    /// Creates a policy.
    package init(
        attempts: Int = 4,
        baseDelay: Duration = .seconds(1),
        maximumDelay: Duration = .seconds(30),
        timeout: Duration = .seconds(10),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.attempts = max(1, attempts)
        self.baseDelay = baseDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.sleep = sleep
    }

    /// The wait before attempt `attempt + 1` (attempts count from 1), or the server's
    /// `Retry-After` seconds when it sent some (never more than `maximumDelay`).
    package func delay(after attempt: Int, retryAfter: Int? = nil) -> Duration {
        if let retryAfter { return min(.seconds(max(0, retryAfter)), maximumDelay) }
        var delay = baseDelay
        for _ in 1..<max(1, attempt) where delay < maximumDelay { delay = delay * 2 }
        return min(delay, maximumDelay)
    }

    /// Whether an answer with this status is worth another attempt.
    package static func isRetryable(status: Int) -> Bool {
        status >= 500 || status == 429 || status == 408
    }
}
