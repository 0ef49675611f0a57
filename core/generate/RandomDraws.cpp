#include "RandomDraws.h"

#include "GeneratorRandom.h"

#include <cmath>
#include <limits>

namespace clv {

namespace {

constexpr double kTwoToMinus53 = 1.0 / 9007199254740992.0;

// Marsaglia–Tsang for shape >= 1: returns d·v of the paper, a Gamma(shape, 1) draw, and its
// parts so that the caller may take the logarithm without losing range.
struct TsangDraw {
    double d;
    double v;
};

TsangDraw marsagliaTsang(GeneratorRandom& random, double shape)
{
    Q_ASSERT(shape >= 1.0);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
        double x = 0;
        double v = 0;
        do {
            x = normalDraw(random);
            v = 1.0 + c * x;
        } while (v <= 0.0);
        v = v * v * v;
        const double u = uniformDraw(random);
        const double xx = x * x;
        // The squeeze accepts about 98 % of the draws without a logarithm.
        if (u < 1.0 - 0.0331 * (xx * xx))
            return {d, v};
        if (std::log(u) < 0.5 * xx + d * (1.0 - v + std::log(v)))
            return {d, v};
    }
}

} // namespace

double uniformDraw(GeneratorRandom& random)
{
    // The top 53 bits, centred in their cell of the grid.
    return (double(random.next() >> 11) + 0.5) * kTwoToMinus53;
}

double normalDraw(GeneratorRandom& random)
{
    for (;;) {
        const double u = 2.0 * uniformDraw(random) - 1.0;
        const double v = 2.0 * uniformDraw(random) - 1.0;
        const double s = u * u + v * v;
        if (s < 1.0 && s > 0.0)
            return u * std::sqrt(-2.0 * std::log(s) / s);
    }
}

double exponentialDraw(GeneratorRandom& random, double rate)
{
    const double standard = -std::log(uniformDraw(random));
    return rate > 0.0 ? standard / rate : std::numeric_limits<double>::infinity();
}

double gammaDraw(GeneratorRandom& random, double shape, double rate)
{
    Q_ASSERT(shape > 0.0 && rate > 0.0);
    if (shape >= 1.0) {
        const TsangDraw draw = marsagliaTsang(random, shape);
        return draw.d * draw.v / rate;
    }
    const TsangDraw draw = marsagliaTsang(random, shape + 1.0);
    const double boost = std::exp(std::log(uniformDraw(random)) / shape);
    return draw.d * draw.v * boost / rate;
}

double logGammaDraw(GeneratorRandom& random, double shape)
{
    Q_ASSERT(shape > 0.0);
    if (shape >= 1.0) {
        const TsangDraw draw = marsagliaTsang(random, shape);
        return std::log(draw.d) + std::log(draw.v);
    }
    const TsangDraw draw = marsagliaTsang(random, shape + 1.0);
    return std::log(draw.d) + std::log(draw.v) + std::log(uniformDraw(random)) / shape;
}

double betaDraw(GeneratorRandom& random, double a, double b)
{
    const double logX = logGammaDraw(random, a);
    const double logY = logGammaDraw(random, b);
    // X / (X + Y) = 1 / (1 + Y / X); an overflowing exp gives 0, as it should.
    return 1.0 / (1.0 + std::exp(logY - logX));
}

} // namespace clv
