package org.gan4j.api.eval;

/**
 * The names of gan4j's evaluation metrics, as they appear in {@code metrics.csv}, epoch events
 * and {@code evaluations.jsonl}: a contract between gan-eval, which computes them, and what reads
 * them (the health monitor, the report, the console).
 */
public final class MetricNames {

    /** Toy mixtures: modes covered by at least one high-quality sample (VEEGAN, PacGAN). */
    public static final String MODES = "modes";
    /** Toy mixtures: percentage of samples within 3 standard deviations of their nearest mode. */
    public static final String HIGH_QUALITY = "high_quality_pct";
    /** Toy mixtures: KL(p || uniform) of the high-quality samples' spread over the modes. */
    public static final String REVERSE_KL = "reverse_kl";
    /** Conditional image models: share of samples a classifier assigns to the class asked for. */
    public static final String CLASS_ACCURACY = "class_accuracy";
    /** Mean pairwise distance of generated samples over that of real ones. */
    public static final String DIVERSITY = "diversity";
    /** Fréchet distance on gan4j's classifier's features. */
    public static final String FCD = "fcd";

    private MetricNames() {}
}
