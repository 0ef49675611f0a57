#pragma once

#include <QtGlobal>

namespace clv {

class GeneratorRandom;

// Continuous draws on top of GeneratorRandom for the buy-'til-you-die simulations: uniform,
// normal, exponential, gamma and beta. Written out here rather than taken from <random>,
// whose distributions are not specified draw for draw and differ between standard libraries.
// They use IEEE arithmetic, sqrt, log and exp only, in a fixed order, and their file is built
// without floating-point contraction, so a seed gives the same numbers on every machine.
// Each draw consumes a varying number of 64-bit words (rejection): give every customer a
// stream of its own (GeneratorRandom::forStream) so that customers do not shift each other.

// Uniform in the open interval (0, 1), on a grid of 2^-53: never exactly 0 or 1.
double uniformDraw(GeneratorRandom& random);

// Standard normal, by Marsaglia's polar method (the second value of each pair is not kept).
double normalDraw(GeneratorRandom& random);

// Exponential with the given rate (mean 1 / rate); infinite for a rate of 0.
double exponentialDraw(GeneratorRandom& random, double rate);

// Gamma with the given shape and rate (mean shape / rate), by Marsaglia and Tsang (2000),
// "A simple method for generating gamma variables"; a shape below 1 is boosted: a
// Gamma(shape + 1) draw times U^(1 / shape). May underflow to 0 for tiny shapes.
double gammaDraw(GeneratorRandom& random, double shape, double rate);

// The natural logarithm of a Gamma(shape, rate 1) draw, finite even where the draw itself
// would underflow (shapes far below 1).
double logGammaDraw(GeneratorRandom& random, double shape);

// Beta(a, b), as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), formed from their logarithms so
// that small shapes give values near 0 or 1 rather than 0 / 0.
double betaDraw(GeneratorRandom& random, double a, double b);

} // namespace clv
