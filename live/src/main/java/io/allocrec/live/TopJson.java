package io.allocrec.live;

import io.allocrec.analyzer.render.JsonText;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code top --json}: one JSON object per interval, on one line, for other tools. Every figure's
 * name says what it is: {@code exact_*} from the calls' own exact bytes, {@code sampled_*} from JFR
 * allocation samples, with the relative half-width of their 95% interval.
 */
final class TopJson {

    private TopJson() {
    }

    static String render(long pid, LiveTally.Window window, List<ScopeRate> sorted) {
        StringBuilder json = new StringBuilder(256 + 256 * sorted.size());
        json.append("{\"pid\":").append(pid)
                .append(",\"from\":").append(JsonText.string(Instant.ofEpochSecond(window.fromSecond()).toString()))
                .append(",\"to\":").append(JsonText.string(Instant.ofEpochSecond(window.toSecond()).toString()))
                .append(",\"seconds\":").append(window.seconds())
                .append(",\"jvm_sampled_bytes\":").append(window.jvmSampledWeight())
                .append(",\"jvm_samples\":").append(window.jvmSamples())
                .append(",\"scopes\":[");
        for (int i = 0; i < sorted.size(); i++) {
            ScopeRate rate = sorted.get(i);
            json.append(i == 0 ? "" : ",").append("{\"name\":").append(JsonText.string(rate.name()))
                    .append(",\"calls\":").append(rate.calls())
                    .append(",\"calls_per_second\":").append(number(rate.callsPerSecond()))
                    .append(",\"figures\":\"").append(rate.isExact() ? "exact" : "sampled").append('"')
                    .append(",\"bytes_per_second\":").append(number(rate.bytesPerSecond()))
                    .append(",\"mean_bytes_per_call\":").append(rate.meanBytesPerCall())
                    .append(",\"exact_calls\":").append(rate.exactCalls())
                    .append(",\"exact_bytes\":").append(rate.exactBytes())
                    .append(",\"exact_p99_bytes_per_call\":").append(rate.exactP99() < 0 ? "null" : rate.exactP99())
                    .append(",\"sampled_bytes\":").append(rate.sampledWeight())
                    .append(",\"samples\":").append(rate.samples())
                    .append(",\"sampled_relative_half_width\":").append(rate.samples() == 0 ? "null"
                            : number(rate.sampledRelativeHalfWidth()))
                    .append('}');
        }
        return json.append("]}").toString();
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
