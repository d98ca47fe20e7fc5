package io.allocrec.benchmarks;

import java.io.File;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.item.IItemIterable;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;

/**
 * A full JMC load of a recording, every event kept in JMC's item collection as JMC's own
 * application does: the reference that report's streaming load is compared with.
 */
public final class FullJmcLoad {

    private FullJmcLoad() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        IItemCollection items = JfrLoaderToolkit.loadEvents(new File(args[0]));
        long count = 0;
        for (IItemIterable type : items) {
            count += type.getItemCount();
        }
        System.out.printf("full JMC load: %,d events in %.1f s%n", count, (System.nanoTime() - started) / 1e9);
    }
}
