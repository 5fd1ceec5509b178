// Code scaffolded by goctl. Safe to edit.
// goctl 1.10.2

package feed

import (
	"net/http"

	"douyin/pkg/param"
	"douyin/pkg/response"

	"douyin/api/internal/logic/feed"
	"douyin/api/internal/svc"
	"douyin/api/internal/types"
)

func FeedHandler(svcCtx *svc.ServiceContext) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req types.FeedReq
		if err := param.Form(r, &req); err != nil {
			response.Write(r.Context(), w, (*types.FeedResp)(nil), response.InvalidRequest(err))
			return
		}

		l := feed.NewFeedLogic(r.Context(), svcCtx)
		resp, err := l.Feed(&req)
		response.Write(r.Context(), w, resp, err)
	}
}
