package org.gan4j.eval;

/**
 * The classifier score, the Inception Score of Salimans, Goodfellow, Zaremba, Cheung, Radford and
 * Chen, "Improved Techniques for Training GANs" (NeurIPS 2016) computed with another classifier:
 * {@code exp(E_x KL(p(y|x) || p(y)))}, high when each sample is classified confidently and the
 * classes are used evenly. It lies between 1 (every sample gets the same prediction) and the
 * number of classes. As in the paper, the samples are cut into 10 splits and the mean and
 * standard deviation of the splits' scores are reported.
 *
 * @param mean the mean of the splits' scores
 * @param std their (population) standard deviation
 * @param splits the number of splits
 */
public record ClassifierScore(double mean, double std, int splits) {

    /** Splits of the paper. */
    public static final int DEFAULT_SPLITS = 10;

    /**
     * The score over 10 splits.
     *
     * @param probabilities one row of class probabilities a sample, at least 10 rows
     * @return the score
     */
    public static ClassifierScore compute(float[][] probabilities) {
        return compute(probabilities, DEFAULT_SPLITS);
    }

    /**
     * The score.
     *
     * @param probabilities one row of class probabilities a sample, at least {@code splits} rows
     * @param splits consecutive, near-equal parts the samples are cut into
     * @return the score
     */
    public static ClassifierScore compute(float[][] probabilities, int splits) {
        if (splits < 1) {
            throw new IllegalArgumentException("splits must be at least 1, got " + splits);
        }
        int classes = Features.dimension(probabilities, splits, "the classifier score");
        int n = probabilities.length;
        double[] scores = new double[splits];
        for (int s = 0; s < splits; s++) {
            int from = (int) ((long) n * s / splits);
            int to = (int) ((long) n * (s + 1) / splits);
            double[] marginal = new double[classes];
            for (int i = from; i < to; i++) {
                for (int c = 0; c < classes; c++) {
                    marginal[c] += probabilities[i][c];
                }
            }
            for (int c = 0; c < classes; c++) {
                marginal[c] /= to - from;
            }
            double kl = 0;
            for (int i = from; i < to; i++) {
                for (int c = 0; c < classes; c++) {
                    double p = probabilities[i][c];
                    if (p > 0) {
                        kl += p * (Math.log(p) - Math.log(marginal[c]));
                    }
                }
            }
            scores[s] = Math.exp(kl / (to - from));
        }
        double[] spread = Features.meanAndStd(scores);
        return new ClassifierScore(spread[0], spread[1], splits);
    }
}
