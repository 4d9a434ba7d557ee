#if canImport(Glibc)
import Glibc
#endif

/// Starts detached OS threads for C libraries that want one thread to own their pointers.
public enum PosixThread {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts a detached thread running `body`.
    ///
    /// `body` is `sending`: whatever it captures moves to the new thread, which owns it from then on.
    public static func detach(_ body: sending @escaping () -> Void) throws(ThreadStartError) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let status = pthread_create(&thread, nil, { context in
            let body = Unmanaged<Body>.fromOpaque(context!).takeRetainedValue()
            body.run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<Body>.fromOpaque(context).release()
            throw ThreadStartError(errno: status)
        }
        pthread_detach(thread)
    }
}
