using AiNow.Inference.Embeddings;

namespace AiNow.Inference.Tests.Embeddings;

public sealed class VectorMathTests
{
    [Fact]
    public void Normalize_ScalesVectorToUnitLength()
    {
        float[] vector = [3, 4];

        VectorMath.Normalize(vector);

        Assert.Equal(0.6f, vector[0], 6);
        Assert.Equal(0.8f, vector[1], 6);
        Assert.Equal(1.0, VectorMath.Norm(vector), 6);
    }

    [Fact]
    public void Normalize_UnitVector_StaysUnchanged()
    {
        float[] vector = [0.6f, 0, -0.8f];

        VectorMath.Normalize(vector);

        Assert.Equal([0.6f, 0, -0.8f], vector);
    }

    [Fact]
    public void Normalize_ZeroVector_StaysZeroWithoutNaN()
    {
        var vector = new float[384];

        VectorMath.Normalize(vector);

        Assert.All(vector, value => Assert.Equal(0f, value));
    }

    [Theory]
    [InlineData(new float[] { 1, 0 }, new float[] { 1, 0 }, 1.0)]
    [InlineData(new float[] { 1, 0 }, new float[] { 0, 1 }, 0.0)]
    [InlineData(new float[] { 1, 0 }, new float[] { -1, 0 }, -1.0)]
    [InlineData(new float[] { 2, 2 }, new float[] { 5, 5 }, 1.0)]
    [InlineData(new float[] { 0, 0 }, new float[] { 1, 1 }, 0.0)]
    public void CosineSimilarity_KnownVectors_GivesExpectedValue(float[] left, float[] right, double expected)
    {
        Assert.Equal(expected, VectorMath.CosineSimilarity(left, right), 6);
    }

    [Fact]
    public void CosineSimilarity_DifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorMath.CosineSimilarity(new float[2], new float[3]));
    }
}
