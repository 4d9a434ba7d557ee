import AgentCore
import MQTT
@testable import RemoteClient
import TestSupport
import Testing

@Suite struct RemoteDirectoryTests {
    let topics = RemoteTopics()

    static let presence = #"{"agent":"farm1","online":true,"version":"1","hostname":"h","owner":"alice","started_at":"2026-11-25T09:00:00.000Z","since":"2026-11-25T09:00:01.000Z"}"#
    static let inventory = #"{"agent":"farm1","updated_at":"2026-11-25T09:00:02.000Z","seq":4,"devices":[]}"#

    @Test func presencesAndTheUsersOwnInventoryWinOverThePublicOne() {
        var directory = RemoteDirectory()
        directory.apply(MQTTMessage(topic: topics.presence(agent: "farm1"), payload: Array(Self.presence.utf8)), topics: topics, user: "bob")
        directory.apply(MQTTMessage(topic: topics.inventory(agent: "farm1", user: "bob"), payload: Array(Self.inventory.utf8)), topics: topics, user: "bob")
        let publicCopy = Self.inventory.replacing("\"seq\":4", with: "\"seq\":9")
        directory.apply(MQTTMessage(topic: topics.publicInventory(agent: "farm1"), payload: Array(publicCopy.utf8)), topics: topics, user: "bob")
        #expect(directory.presences["farm1"]?.online == true)
        #expect(directory.inventories["farm1"]?.sequence == 4)
        // Someone else's inventory topic is ignored, whatever it holds.
        directory.apply(MQTTMessage(topic: topics.inventory(agent: "farm2", user: "eve"), payload: Array(Self.inventory.utf8)), topics: topics, user: "bob")
        #expect(directory.inventories["farm2"] == nil)
        // A cleared presence removes the agent.
        directory.apply(MQTTMessage(topic: topics.presence(agent: "farm1"), payload: []), topics: topics, user: "bob")
        #expect(directory.presences["farm1"] == nil)
        #expect(directory.malformed == 0)
    }

    /// Mutated retained messages are either taken or counted as malformed; nothing else happens.
    @Test func mutatedMessagesAreSkippedAndCounted() {
        var generator = SplitMix64(seed: 303)
        var directory = RemoteDirectory()
        let seeds = [
            (topics.presence(agent: "farm1"), Array(Self.presence.utf8)),
            (topics.inventory(agent: "farm1", user: "bob"), Array(Self.inventory.utf8)),
        ]
        var applied = 0
        for round in 0..<3000 {
            var (topic, payload) = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                let index = Int.random(in: 0..<payload.count, using: &generator)
                switch Int.random(in: 0..<3, using: &generator) {
                case 0: payload[index] = UInt8.random(in: 0...255, using: &generator)
                case 1: payload.remove(at: index)
                default: payload.insert(UInt8.random(in: 0...255, using: &generator), at: index)
                }
                if payload.isEmpty { payload = [UInt8(ascii: "{")] }
            }
            if round % 7 == 0 { topic += "/x" }
            let before = directory.malformed
            directory.apply(MQTTMessage(topic: topic, payload: payload), topics: topics, user: "bob")
            if directory.malformed == before { applied += 1 }
        }
        #expect(directory.malformed > 0)
        #expect(applied > 0)
    }
}
