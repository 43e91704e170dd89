using Microsoft.Extensions.DependencyInjection;

namespace WandbAuth.Emulator.Schema;

/// <summary>
/// What GraphQL.NET uses to create graph types while building a schema. Unlike its default
/// (Activator.CreateInstance), it can pass the <see cref="SchemaShape"/> into a type's constructor, which
/// is how ApiKeyType leaves out its timestamp fields.
/// </summary>
internal sealed class SchemaServices(SchemaShape shape) : IServiceProvider
{
    public object? GetService(Type serviceType)
    {
        if (serviceType == typeof(SchemaShape))
        {
            return shape;
        }

        if (serviceType == typeof(IServiceProvider))
        {
            return this;
        }

        // Interfaces (optional GraphQL.NET extension points) are not provided, as with GraphQL.NET's default.
        return serviceType.IsAbstract ? null : ActivatorUtilities.CreateInstance(this, serviceType);
    }
}
