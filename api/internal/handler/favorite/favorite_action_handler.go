// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package favorite

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/favorite"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func FavoriteActionHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.FavoriteActionReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.StatusResp)(nil), response.InvalidRequest(err))
			return
		}

		l := favorite.NewFavoriteActionLogic(r.Context(), svcCtx)
		resp, err := l.FavoriteAction(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
