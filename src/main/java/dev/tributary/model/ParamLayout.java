package dev.tributary.model;

import dev.tributary.util.Rng;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Where every parameter tensor of a network lives in its one flat {@code float[]} buffer. Layers ask
 * for named blocks while the network is built; afterwards the parameters, their gradients and each
 * optimizer moment are single contiguous buffers of {@link #size()} floats, so a training step
 * allocates nothing and a checkpoint is one copy.
 *
 * <p>Block names are hierarchical ({@code encoder.0.W}, {@code level0.shared.fused.W},
 * {@code tower.income.1.b}); a weight matrix {@code W} of a layer with {@code in} inputs and
 * {@code out} outputs is stored row-major as {@code in × out}.
 */
public final class ParamLayout {

    /** How a block is initialised. */
    public enum Init {
        /** All zeros (biases). */
        ZERO,
        /** N(0, 2/fanIn), for layers followed by ReLU (He et al. 2015). */
        HE_NORMAL,
        /** U(±√(6/(fanIn+fanOut))), for linear layers (Glorot &amp; Bengio 2010). */
        XAVIER_UNIFORM,
        /** N(0, 0.05²), for embedding tables. */
        EMBEDDING
    }

    /** One named tensor: {@code size} floats from {@code offset}. */
    public record Block(String name, int offset, int size, Init init, int fanIn, int fanOut) {
    }

    private final List<Block> blocks = new ArrayList<>();
    private int size;

    /** Reserves a block and returns its offset. */
    public int add(String name, int blockSize, Init init, int fanIn, int fanOut) {
        if (blockSize <= 0) {
            throw new IllegalArgumentException("block " + name + " must have a positive size, found " + blockSize);
        }
        for (Block b : blocks) {
            if (b.name().equals(name)) {
                throw new IllegalArgumentException("duplicate parameter block name " + name);
            }
        }
        int offset = size;
        blocks.add(new Block(name, offset, blockSize, init, fanIn, fanOut));
        size = Math.addExact(size, blockSize);
        return offset;
    }

    /**
     * The indices among {@link #tables()} of categorical feature {@code feature}'s tables: one, or one
     * per task in families where each task has its own ({@code <prefix>embedding.<feature>}).
     */
    public int[] tablesOf(int feature) {
        List<Block> tables = tables();
        return IntStream.range(0, tables.size())
                .filter(t -> tables.get(t).name().endsWith("embedding." + feature)).toArray();
    }

    /** The embedding tables ({@link Init#EMBEDDING} blocks: {@code fanIn} rows of {@code fanOut}), in order. */
    public List<Block> tables() {
        return blocks.stream().filter(b -> b.init() == Init.EMBEDDING).toList();
    }

    /**
     * The parameters outside every embedding table, as ascending [offset, length] pairs: what a step
     * updates in full when the tables are updated row by row.
     */
    public int[] denseRanges() {
        java.util.List<int[]> out = new ArrayList<>();
        int at = 0;
        for (Block t : tables()) {
            if (t.offset() > at) {
                out.add(new int[]{at, t.offset() - at});
            }
            at = t.offset() + t.size();
        }
        if (size > at) {
            out.add(new int[]{at, size - at});
        }
        int[] flat = new int[out.size() * 2];
        for (int i = 0; i < out.size(); i++) {
            flat[2 * i] = out.get(i)[0];
            flat[2 * i + 1] = out.get(i)[1];
        }
        return flat;
    }

    /** Total number of parameters. */
    public int size() {
        return size;
    }

    public List<Block> blocks() {
        return Collections.unmodifiableList(blocks);
    }

    /** The block with this name; throws if there is none. */
    public Block block(String name) {
        for (Block b : blocks) {
            if (b.name().equals(name)) {
                return b;
            }
        }
        throw new IllegalArgumentException("no parameter block named " + name);
    }

    /** Fills {@code params} with fresh initial values drawn from {@code rng}, block by block. */
    public void initialise(float[] params, Rng rng) {
        initialise(params, rng, blocks);
    }

    /**
     * Fills only the given blocks of {@code params} with fresh initial values drawn from {@code rng}, in
     * the order given (e.g. to re-initialise one task's tower after a drift).
     */
    public void initialise(float[] params, Rng rng, List<Block> which) {
        if (params.length != size) {
            throw new IllegalArgumentException("params has " + params.length + " floats, layout needs " + size);
        }
        for (Block b : which) {
            int end = b.offset() + b.size();
            switch (b.init()) {
                case ZERO -> java.util.Arrays.fill(params, b.offset(), end, 0f);
                case HE_NORMAL -> {
                    double std = Math.sqrt(2.0 / b.fanIn());
                    for (int i = b.offset(); i < end; i++) {
                        params[i] = (float) (rng.nextGaussian() * std);
                    }
                }
                case XAVIER_UNIFORM -> {
                    double limit = Math.sqrt(6.0 / (b.fanIn() + b.fanOut()));
                    for (int i = b.offset(); i < end; i++) {
                        params[i] = (float) ((2 * rng.nextDouble() - 1) * limit);
                    }
                }
                case EMBEDDING -> {
                    for (int i = b.offset(); i < end; i++) {
                        params[i] = (float) (rng.nextGaussian() * 0.05);
                    }
                }
            }
        }
    }

    /** The blocks whose names start with any of the prefixes, in layout order. */
    public List<Block> blocksWithPrefix(String... prefixes) {
        List<Block> out = new ArrayList<>();
        for (Block b : blocks) {
            for (String prefix : prefixes) {
                if (b.name().startsWith(prefix)) {
                    out.add(b);
                    break;
                }
            }
        }
        return out;
    }
}
