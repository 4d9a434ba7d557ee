import Glibc
import Systemd
import Testing

/// How `SystemdError` describes itself.
@Suite struct SystemdErrorTests {
    @Test func descriptionNamesOperationErrnoAndRemedy() {
        let error = SystemdError(code: .journalSendFailed, errno: ECONNREFUSED, detail: "MESSAGE")
        #expect(
            error.description
                == "journal send failed (MESSAGE): Connection refused [errno \(ECONNREFUSED)]; "
                + SystemdError.Code.journalSendFailed.remedy
        )
    }

    @Test func codesAreDistinct() {
        let codes: [SystemdError.Code] = [
            .notifyFailed, .watchdogQueryFailed, .listenDescriptorsFailed, .descriptorSetupFailed, .journalSendFailed,
        ]
        #expect(Set(codes).count == codes.count)
        #expect(Set(codes.map(\.description)).count == codes.count)
    }
}
