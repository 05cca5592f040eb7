package org.gan4j.export.custom;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import org.gan4j.api.model.ArchitectureProvider;
import org.gan4j.api.model.GanNetworks;
import org.gan4j.api.model.ModelSpec;
import org.gan4j.api.plugin.Options;
import org.gan4j.models.blocks.ActivationBlock;
import org.gan4j.models.blocks.Maxout;
import org.gan4j.models.blocks.ReshapeBlock;

/** A third party's architecture whose generator uses its own block (and gan4j's Maxout). */
public final class CustomArchitecture implements ArchitectureProvider {

    @Override
    public String name() {
        return "test-custom";
    }

    @Override
    public String description() {
        return "test: an MLP generator with a custom block";
    }

    @Override
    public GanNetworks create(ModelSpec spec, Options options) {
        SequentialBlock g = new SequentialBlock()
                .add(Linear.builder().setUnits(24).build())
                .add(new ScaleShiftBlock())
                .add(new Maxout(12, 3))
                .add(Linear.builder().setUnits(spec.sampleSize()).build())
                .add(ActivationBlock.tanh());
        if (spec.sampleShape().dimension() > 1) {
            g.add(new ReshapeBlock(spec.sampleShape()));
        }
        SequentialBlock d = new SequentialBlock().add(Linear.builder().setUnits(1).build());
        return new GanNetworks(g, d);
    }
}
