import AsyncPrimitives
import CLinuxShims
import Logging
import ServiceLifecycle

/// Once start-up is over, lets go of the code pages only start-up ran (configuration parsing,
/// the TLS handshake, the first udev enumeration), which otherwise stay mapped for the life of
/// the daemon: a little after the inventory is ready, the code mappings are dropped and from
/// then on map page by page as code runs (`pio_map_code_pages_on_demand`).
///
/// The pages are file-backed and clean, so nothing is lost: the kernel maps them again from
/// its page cache when they run. On Linux 6.x, whose page cache holds executables in large
/// folios, this halves the idle daemon's resident set (`make bench`: `idle_rss_kib`,
/// `idle_rss_cloud_kib`).
struct StartupCodeRelease: Service {
    let inventoryReady: OneShotEvent
    /// How long after the inventory is ready start-up is taken to be over (the broker link's
    /// first connection included).
    var settleTime: Duration = .seconds(2)
    let logger: Logger

    func run() async {
        await cancelWhenGracefulShutdown {
            guard await inventoryReady.waitUnlessCancelled(), (try? await Task.sleep(for: settleTime)) != nil else {
                return
            }
            let mappings = pio_map_code_pages_on_demand()
            logger.debug("start-up code pages released", metadata: ["mappings": "\(mappings)"])
        }
        // A service of the group runs until shutdown; its work is done.
        try? await gracefulShutdown()
    }
}
