/**
 * Evaluation (public API: {@link org.gan4j.eval.StandardEvaluation},
 * {@link org.gan4j.eval.EvaluationModule}, {@link org.gan4j.eval.QualityEvaluation}, the metric
 * classes): feature metrics (Fréchet distance, kernel distance, precision and recall, classifier
 * score) on the features of a classifier trained on the dataset or of an ONNX network, the toy
 * mixtures' metrics, diversity, and gan4j's evaluation during training with its main metric.
 */
package org.gan4j.eval;
