/**
 * Games as plugins (public API): a {@link org.gan4j.api.game.GameProvider} declares a game's
 * networks by role, its optimizers and updates, its product network and inputs, and what one
 * training step does; the runtime in gan-core runs any game without knowing it. The built-in
 * {@code adversarial} game (gan-games) is written against this package alone.
 */
package org.gan4j.api.game;
