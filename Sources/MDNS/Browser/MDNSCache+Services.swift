extension MDNSCache {
    /// The instances of `types` the cache knows now: one per instance and interface, listed
    /// once its SRV record is known (TXT and addresses may still be missing).
    public func services(of types: [DNSName], at now: Duration) -> [MDNSService] {
        let pointers = types.map { ($0, entries(named: $0, type: .ptr, at: now)) }
        var services: [MDNSService] = []
        services.reserveCapacity(pointers.reduce(0) { $0 + $1.1.count })
        for (type, typePointers) in pointers {
            for pointer in typePointers {
                guard case .ptr(let instance) = pointer.record.data,
                    let srv = entries(named: instance, type: .srv, interface: pointer.interface, at: now)
                        .max(by: { $0.receivedAt < $1.receivedAt }),
                    case .srv(_, _, let port, let target) = srv.record.data
                else { continue }
                let txt = entries(named: instance, type: .txt, interface: pointer.interface, at: now)
                    .max(by: { $0.receivedAt < $1.receivedAt })
                let attributes: TXTRecord = if case .txt(let record)? = txt?.record.data { record } else { .empty }
                let addressEntries = entries(named: target, type: .a, interface: pointer.interface, at: now)
                    + entries(named: target, type: .aaaa, interface: pointer.interface, at: now)
                let v4 = addressEntries.compactMap { entry in
                    if case .a(let address) = entry.record.data { address.description } else { nil }
                }
                let v6 = addressEntries.compactMap { entry in
                    if case .aaaa(let address) = entry.record.data { address.description } else { nil }
                }
                let lastSeen = ([pointer, srv] + [txt].compactMap { $0 } + addressEntries).map(\.receivedAt).max() ?? now
                services.append(
                    MDNSService(
                        instance: instance, instanceName: instance.firstLabel,
                        serviceType: type.labels.dropLast().map { String(decoding: $0, as: UTF8.self) }.joined(separator: "."),
                        host: target.description, port: port, addresses: v4.sorted() + v6.sorted(),
                        txt: attributes, interface: pointer.interface, lastSeen: lastSeen))
            }
        }
        services.sort { ($0.serviceType, $0.instanceName, $0.interface) < ($1.serviceType, $1.instanceName, $1.interface) }
        return services
    }

    /// What browsing `types` needs now: their PTRs, and the SRV, TXT and address records of the
    /// instances and hosts those point to.
    public func interest(browsing types: [DNSName], at now: Duration) -> MDNSInterest {
        var instances = Set<DNSName>()
        for type in types {
            for entry in entries(named: type, type: .ptr, at: now) {
                if case .ptr(let instance) = entry.record.data { instances.insert(instance) }
            }
        }
        var hosts = Set<DNSName>()
        for instance in instances {
            for entry in entries(named: instance, type: .srv, at: now) {
                if case .srv(_, _, _, let target) = entry.record.data { hosts.insert(target) }
            }
        }
        return MDNSInterest(types: Set(types), instances: instances, hosts: hosts)
    }
}
