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

func FavoriteListHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.UserVideosReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.VideoListResp)(nil), response.InvalidRequest(err))
			return
		}

		l := favorite.NewFavoriteListLogic(r.Context(), svcCtx)
		resp, err := l.FavoriteList(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
