package io.allocrec.harness;

import java.util.List;

/**
 * Several scenarios from one class, for {@code allocrec record --scenario-class}: variants of a
 * structure (presized or not, two load factors) side by side. A class given to
 * {@code --scenario-class} implements either this or {@link KeyValueScenario}, and has a public
 * no-argument constructor.
 */
public interface ScenarioProvider {

    /**
     * The scenarios to measure, in the order the report lists them.
     *
     * @return at least one scenario
     */
    List<KeyValueScenario<?>> scenarios();
}
