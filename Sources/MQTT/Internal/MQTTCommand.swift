/// A request from the async world to the MQTT thread.
enum MQTTCommand: Sendable {
    case publish(MQTTOutgoingMessage, CheckedContinuation<Result<MQTTReasonCode, MQTTError>, Never>)
    case subscribe([String], CheckedContinuation<Result<[MQTTReasonCode], MQTTError>, Never>)
    case disconnect(farewell: MQTTOutgoingMessage?, timeout: Duration, ResumeOnce)
    case stop
}
