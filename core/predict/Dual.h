#pragma once

#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <array>
#include <cmath>
#include <limits>

namespace clv {

// A number with its gradient over N parameters (forward-mode automatic differentiation).
// The likelihoods are written once, as templates over the scalar type: with double they give
// the value, with Dual<N> the value and the exact gradient the optimiser needs, in one pass
// and without finite-difference steps to tune.
template <int N>
struct Dual {
    double v = 0;
    std::array<double, N> d{};

    Dual() = default;
    Dual(double value) : v(value) {} // NOLINT(google-explicit-constructor): constants mix in freely

    static Dual variable(double value, int index)
    {
        Dual x(value);
        x.d[static_cast<std::size_t>(index)] = 1;
        return x;
    }

    // The result of f at v, given f'(v).
    Dual chain(double value, double derivative) const
    {
        Dual r(value);
        for (int i = 0; i < N; ++i)
            r.d[i] = derivative * d[i];
        return r;
    }

    Dual& operator+=(const Dual& o)
    {
        v += o.v;
        for (int i = 0; i < N; ++i)
            d[i] += o.d[i];
        return *this;
    }
    Dual& operator-=(const Dual& o)
    {
        v -= o.v;
        for (int i = 0; i < N; ++i)
            d[i] -= o.d[i];
        return *this;
    }
    Dual& operator*=(const Dual& o)
    {
        for (int i = 0; i < N; ++i)
            d[i] = d[i] * o.v + v * o.d[i];
        v *= o.v;
        return *this;
    }
    Dual& operator/=(const Dual& o)
    {
        const double inv = 1.0 / o.v;
        const double q = v * inv;
        for (int i = 0; i < N; ++i)
            d[i] = (d[i] - q * o.d[i]) * inv;
        v = q;
        return *this;
    }
    Dual operator-() const
    {
        Dual r = *this;
        r.v = -v;
        for (int i = 0; i < N; ++i)
            r.d[i] = -d[i];
        return r;
    }
};

template <int N>
Dual<N> operator+(Dual<N> a, const Dual<N>& b)
{
    return a += b;
}
template <int N>
Dual<N> operator-(Dual<N> a, const Dual<N>& b)
{
    return a -= b;
}
template <int N>
Dual<N> operator*(Dual<N> a, const Dual<N>& b)
{
    return a *= b;
}
template <int N>
Dual<N> operator/(Dual<N> a, const Dual<N>& b)
{
    return a /= b;
}
template <int N>
Dual<N> operator+(Dual<N> a, double b)
{
    a.v += b;
    return a;
}
template <int N>
Dual<N> operator+(double a, Dual<N> b)
{
    b.v += a;
    return b;
}
template <int N>
Dual<N> operator-(Dual<N> a, double b)
{
    a.v -= b;
    return a;
}
template <int N>
Dual<N> operator-(double a, const Dual<N>& b)
{
    return -b + a;
}
template <int N>
Dual<N> operator*(Dual<N> a, double b)
{
    a.v *= b;
    for (int i = 0; i < N; ++i)
        a.d[i] *= b;
    return a;
}
template <int N>
Dual<N> operator*(double a, Dual<N> b)
{
    return b * a;
}
template <int N>
Dual<N> operator/(Dual<N> a, double b)
{
    return a * (1.0 / b);
}
template <int N>
Dual<N> operator/(double a, const Dual<N>& b)
{
    const double q = a / b.v;
    return b.chain(q, -q / b.v);
}

template <int N>
bool operator<(const Dual<N>& a, const Dual<N>& b)
{
    return a.v < b.v;
}

// The value part, for branches and loop tests; plain doubles pass through.
inline double valueOf(double x)
{
    return x;
}
template <int N>
double valueOf(const Dual<N>& x)
{
    return x.v;
}

template <int N>
Dual<N> log(const Dual<N>& x)
{
    return x.chain(std::log(x.v), 1.0 / x.v);
}
template <int N>
Dual<N> exp(const Dual<N>& x)
{
    const double e = std::exp(x.v);
    return x.chain(e, e);
}
template <int N>
Dual<N> log1p(const Dual<N>& x)
{
    return x.chain(std::log1p(x.v), 1.0 / (1.0 + x.v));
}
template <int N>
Dual<N> expm1(const Dual<N>& x)
{
    return x.chain(std::expm1(x.v), std::exp(x.v));
}
// ln Γ from Boost.Math: glibc's lgamma writes the global `signgam`, a data race when the
// likelihood is summed on several threads.
inline double logGamma(double x)
{
    return boost::math::lgamma(x);
}
template <int N>
Dual<N> logGamma(const Dual<N>& x)
{
    return x.chain(boost::math::lgamma(x.v), boost::math::digamma(x.v));
}

// log(exp(a) + exp(b)) without overflow or underflow.
template <class S>
S logAddExp(const S& a, const S& b)
{
    using std::exp;
    using std::log1p;
    if (valueOf(a) < valueOf(b))
        return b + log1p(exp(a - b));
    return a + log1p(exp(b - a));
}

// log(exp(a) - exp(b)) for a > b; minus infinity when rounding has made b >= a, NaN when
// either is NaN (a part that could not be evaluated must not pass for a zero).
template <class S>
S logSubExp(const S& a, const S& b)
{
    using std::expm1;
    using std::log;
    if (std::isnan(valueOf(a)) || std::isnan(valueOf(b)))
        return S(std::numeric_limits<double>::quiet_NaN());
    if (!(valueOf(b) < valueOf(a)))
        return S(-std::numeric_limits<double>::infinity());
    return a + log(-expm1(b - a));
}

} // namespace clv
