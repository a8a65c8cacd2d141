using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Api.Admin;
using Marketplace.Api.Auth;
using Marketplace.Api.Categories;
using Marketplace.Api.Listings;
using Marketplace.Contracts.Accounts;
using Marketplace.Contracts.Admin;
using Marketplace.Contracts.Categories;
using Marketplace.Contracts.Conversations;
using Marketplace.Contracts.Favourites;
using Marketplace.Contracts.Listings;
using Marketplace.Contracts.Reports;
using Marketplace.Contracts.SavedSearches;
using Marketplace.Contracts.Sellers;
using Marketplace.Contracts.Settings;

namespace Marketplace.Api.Infrastructure;

/// <summary>
/// Serialization code for the Api's own request and response types, generated at build time: no reflection to build
/// a type's metadata on first use and fewer allocations on every request. It goes first in the resolver chain; any
/// other type (problem details, OpenAPI) still falls back to reflection. Naming comes from the web defaults (camelCase),
/// and the runtime options' converters (enums by name) and number handling (strict) still apply.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ListingRequest))]
[JsonSerializable(typeof(ListingResponse))]
[JsonSerializable(typeof(ListingPage))]
[JsonSerializable(typeof(ListingImageResponse))]
[JsonSerializable(typeof(ListingImageList))]
[JsonSerializable(typeof(ReorderImagesRequest))]
[JsonSerializable(typeof(ImageAltTextRequest))]
[JsonSerializable(typeof(RegisterRequest))]
[JsonSerializable(typeof(LoginRequest))]
[JsonSerializable(typeof(RegistrationAcceptedResponse))]
[JsonSerializable(typeof(RevertEmailChangeRequest))]
[JsonSerializable(typeof(DeleteAccountRequest))]
[JsonSerializable(typeof(AccountExport))]
[JsonSerializable(typeof(AccountResponse))]
[JsonSerializable(typeof(UpdateAccountRequest))]
[JsonSerializable(typeof(AccessTokenResponse))]
[JsonSerializable(typeof(RefreshRequest))]
[JsonSerializable(typeof(ChangePasswordRequest))]
[JsonSerializable(typeof(ChangeEmailRequest))]
[JsonSerializable(typeof(ForgotPasswordRequest))]
[JsonSerializable(typeof(ResetPasswordRequest))]
[JsonSerializable(typeof(VerifyEmailRequest))]
[JsonSerializable(typeof(EmailVerifiedResponse))]
[JsonSerializable(typeof(IReadOnlyList<CategoryResponse>))]
[JsonSerializable(typeof(CategoryDetailResponse))]
[JsonSerializable(typeof(CreateCategoryRequest))]
[JsonSerializable(typeof(UpdateCategoryRequest))]
[JsonSerializable(typeof(MoveCategoryRequest))]
[JsonSerializable(typeof(ReorderCategoryRequest))]
[JsonSerializable(typeof(ReasonRequest))]
[JsonSerializable(typeof(OptionalReasonRequest))]
[JsonSerializable(typeof(ChangeRoleRequest))]
[JsonSerializable(typeof(AdminCategoryResponse))]
[JsonSerializable(typeof(AuditLogPage))]
[JsonSerializable(typeof(List<AdminCategoryResponse>))]
[JsonSerializable(typeof(AdminListingResponse))]
[JsonSerializable(typeof(AdminListingPage))]
[JsonSerializable(typeof(AdminUserResponse))]
[JsonSerializable(typeof(AdminUserPage))]
[JsonSerializable(typeof(SellerProfileResponse))]
[JsonSerializable(typeof(ContactSellerRequest))]
[JsonSerializable(typeof(ReportListingRequest))]
[JsonSerializable(typeof(ReportResponse))]
[JsonSerializable(typeof(ReportPage))]
[JsonSerializable(typeof(ReportQueuePage))]
[JsonSerializable(typeof(DismissReportRequest))]
[JsonSerializable(typeof(MarketplaceSettingsResponse))]
[JsonSerializable(typeof(MessageRequest))]
[JsonSerializable(typeof(ConversationMessageResponse))]
[JsonSerializable(typeof(ConversationResponse))]
[JsonSerializable(typeof(InboxPage))]
[JsonSerializable(typeof(UnreadCountResponse))]
[JsonSerializable(typeof(ReportConversationRequest))]
[JsonSerializable(typeof(ConversationReportDetail))]
[JsonSerializable(typeof(FavouritePage))]
[JsonSerializable(typeof(FavouriteIdsResponse))]
[JsonSerializable(typeof(SavedSearchRequest))]
[JsonSerializable(typeof(UpdateSavedSearchRequest))]
[JsonSerializable(typeof(SavedSearchResponse))]
[JsonSerializable(typeof(SavedSearchList))]
[JsonSerializable(typeof(UnsubscribeRequest))]
[JsonSerializable(typeof(AlertSubscriptionResponse))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
