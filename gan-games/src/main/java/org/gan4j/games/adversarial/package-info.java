/**
 * The built-in {@code adversarial} game (internal: use it by name through {@code --game
 * adversarial} or the settings' {@code game}; its classes are not public API).
 */
package org.gan4j.games.adversarial;
