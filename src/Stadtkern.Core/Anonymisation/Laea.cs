namespace Stadtkern.Anonymisation;

/// <summary>
/// ETRS89 Lambert azimuthal equal-area (EPSG:3035), the projection of the European and German census grids (100 m,
/// 1 km cells): GRS 80 ellipsoid, centre 52°N 10°E, false easting 4,321,000 m, false northing 3,210,000 m. Forward and
/// inverse after Snyder, "Map Projections — A Working Manual" (1987), §24.
/// </summary>
public static class Laea
{
    private const double A = 6378137.0;
    private const double F = 1 / 298.257222101;
    private const double FalseEasting = 4321000.0;
    private const double FalseNorthing = 3210000.0;
    private static readonly double E2 = F * (2 - F);
    private static readonly double E = Math.Sqrt(E2);
    private static readonly double Phi0 = Radians(52);
    private static readonly double Lambda0 = Radians(10);
    private static readonly double Qp = Q(1);
    private static readonly double Rq = A * Math.Sqrt(Qp / 2);
    private static readonly double Beta0 = Math.Asin(Q(Math.Sin(Phi0)) / Qp);
    private static readonly double D = A * (Math.Cos(Phi0) / Math.Sqrt(1 - E2 * Math.Sin(Phi0) * Math.Sin(Phi0))) / (Rq * Math.Cos(Beta0));

    private static double Radians(double degrees) => degrees * Math.PI / 180;

    private static double Q(double sinPhi) =>
        (1 - E2) * (sinPhi / (1 - E2 * sinPhi * sinPhi) - 1 / (2 * E) * Math.Log((1 - E * sinPhi) / (1 + E * sinPhi)));

    /// <summary>Easting and northing in metres.</summary>
    public static (double Easting, double Northing) Forward(GeoPoint point)
    {
        var beta = Math.Asin(Q(Math.Sin(Radians(point.Latitude))) / Qp);
        var dLambda = Radians(point.Longitude) - Lambda0;
        var b = Rq * Math.Sqrt(2 / (1 + Math.Sin(Beta0) * Math.Sin(beta) + Math.Cos(Beta0) * Math.Cos(beta) * Math.Cos(dLambda)));
        var x = b * D * Math.Cos(beta) * Math.Sin(dLambda);
        var y = b / D * (Math.Cos(Beta0) * Math.Sin(beta) - Math.Sin(Beta0) * Math.Cos(beta) * Math.Cos(dLambda));
        return (FalseEasting + x, FalseNorthing + y);
    }

    public static GeoPoint Inverse(double easting, double northing)
    {
        var x = easting - FalseEasting;
        var y = northing - FalseNorthing;
        var rho = Math.Sqrt(x / D * (x / D) + D * y * (D * y));
        if (rho < 1e-9) return new GeoPoint(10, 52);
        var ce = 2 * Math.Asin(rho / (2 * Rq));
        var beta = Math.Asin(Math.Cos(ce) * Math.Sin(Beta0) + D * y * Math.Sin(ce) * Math.Cos(Beta0) / rho);
        var lambda = Lambda0 + Math.Atan2(x * Math.Sin(ce), D * rho * Math.Cos(Beta0) * Math.Cos(ce) - D * D * y * Math.Sin(Beta0) * Math.Sin(ce));
        // Latitude from the authalic latitude by the series of Snyder (3-18).
        var phi = beta
            + (E2 / 3 + 31 * E2 * E2 / 180 + 517 * E2 * E2 * E2 / 5040) * Math.Sin(2 * beta)
            + (23 * E2 * E2 / 360 + 251 * E2 * E2 * E2 / 3780) * Math.Sin(4 * beta)
            + 761 * E2 * E2 * E2 / 45360 * Math.Sin(6 * beta);
        return new GeoPoint(lambda * 180 / Math.PI, phi * 180 / Math.PI);
    }

    /// <summary>
    /// The grid cell of <paramref name="size"/> metres that holds the point: its INSPIRE identifier
    /// (<c>CRS3035RES1000mN3210000E4321000</c>, lower-left corner) and its centre.
    /// </summary>
    public static (string Id, GeoPoint Centre) Cell(GeoPoint point, int size)
    {
        var (e, n) = Forward(point);
        var east = Math.Floor(e / size) * size;
        var north = Math.Floor(n / size) * size;
        var id = FormattableString.Invariant($"CRS3035RES{size}mN{(long)north}E{(long)east}");
        return (id, Inverse(east + size / 2.0, north + size / 2.0));
    }
}
